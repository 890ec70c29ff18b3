package org.passagegateway.gateway.indicators;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.passagegateway.gateway.indicators.IndicatorMeasure.Group;
import org.passagegateway.gateway.indicators.IndicatorMeasure.Stratifier;
import org.passagegateway.gateway.indicators.IndicatorQueries.Found;
import org.passagegateway.gateway.indicators.SmallCellSuppression.Sum;

/**
 * A measure's counts as the cells and sums {@link SmallCellSuppression} protects: every count by
 * {@code cellName|stratum}; each stratifier's strata summing to the total; each row and column of
 * a two-way stratifier summing to the one-way stratum it breaks down; and for a proportion, each
 * denominator as its numerator plus the rest ({@link #rest}, a count the report never shows but
 * that its numerator and denominator would give away). Cells are named by what they count, so a
 * cell two measures share is one cell.
 */
final class ReportCells {


  private final Map<String, Long> cells = new LinkedHashMap<>();
  private final List<Sum> sums = new ArrayList<>();

  ReportCells(IndicatorMeasure measure, Found found) {
    found.counts().forEach((cell, strata) -> strata.forEach((stratum, count) -> cells.put(key(cell, stratum), count)));
    Set<String> done = new LinkedHashSet<>();
    for (Group group : measure.groups()) {
      for (var population : group.populations()) {
        String cell = IndicatorQueries.cell(group, population);
        if (done.add(cell)) {
          sums(group, cell, found.counts().getOrDefault(cell, Map.of()).keySet());
        }
      }
    }
    if (measure.scoring() == IndicatorMeasure.Scoring.PROPORTION) {
      Group group = measure.groups().get(0);
      String denominator = IndicatorQueries.cell(group, group.population(IndicatorMeasures.DENOMINATOR).orElseThrow());
      String numerator = IndicatorQueries.cell(group, group.population(IndicatorMeasures.NUMERATOR).orElseThrow());
      Map<Stratum, Long> numerators = found.counts().getOrDefault(numerator, Map.of());
      found.counts().getOrDefault(denominator, Map.of()).forEach((stratum, count) -> {
        cells.put(key(rest(group), stratum), count - numerators.getOrDefault(stratum, 0L));
        sums.add(new Sum(key(denominator, stratum), List.of(key(numerator, stratum), key(rest(group), stratum))));
      });
      sums(group, rest(group), found.counts().getOrDefault(denominator, Map.of()).keySet());
    }
  }

  /** The name of a proportion's rest (its denominator less its numerator), a cell no report shows. */
  static String rest(Group group) {
    return IndicatorQueries.digest(group.population(IndicatorMeasures.DENOMINATOR).orElseThrow().condition() + " minus "
        + group.population(IndicatorMeasures.NUMERATOR).orElseThrow().condition());
  }

  static String key(String cell, Stratum stratum) {
    return cell + "|" + stratum.key();
  }

  Map<String, Long> cells() {
    return cells;
  }

  List<Sum> sums() {
    return sums;
  }

  private void sums(Group group, String cell, Set<Stratum> strata) {
    for (Stratifier stratifier : group.stratifiers()) {
      List<Stratum> of = strata.stream().filter(s -> s.stratifier().equals(stratifier.code())).toList();
      if (stratifier.components().size() == 1) {
        sums.add(new Sum(key(cell, Stratum.TOTAL), of.stream().map(s -> key(cell, s)).toList()));
        continue;
      }
      for (int axis = 0; axis < stratifier.components().size(); axis++) {
        String margin = stratifier.components().get(axis).code();
        int index = axis;
        of.stream().map(s -> s.values().get(index)).distinct().forEach(value -> sums.add(new Sum(
            key(cell, new Stratum(margin, List.of(value))),
            of.stream().filter(s -> s.values().get(index).equals(value)).map(s -> key(cell, s)).toList())));
      }
    }
  }
}
