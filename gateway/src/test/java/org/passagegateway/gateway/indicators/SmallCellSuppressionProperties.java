package org.passagegateway.gateway.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.passagegateway.gateway.indicators.SmallCellSuppression.Result;
import org.passagegateway.gateway.indicators.SmallCellSuppression.Sum;

/**
 * On any two-way table (rows by columns, with their totals): no released count is small, and no
 * sum has exactly one withheld member, so no withheld count is one subtraction away.
 */
class SmallCellSuppressionProperties {

  @Property(tries = 500)
  void whenAnyTableIsSuppressedThenNoReleasedCountIsSmallAndNoSumGivesAWithheldOneAway(
      @ForAll("tables") List<List<Integer>> table, @ForAll @IntRange(min = 1, max = 15) int threshold) {
    Map<String, Long> cells = new LinkedHashMap<>();
    List<Sum> sums = new ArrayList<>();
    int rows = table.size();
    int columns = table.get(0).size();
    long total = 0;
    List<String> rowTotals = new ArrayList<>();
    List<String> columnTotals = new ArrayList<>();
    for (int c = 0; c < columns; c++) {
      columnTotals.add("c" + c);
      cells.put("c" + c, 0L);
    }
    for (int r = 0; r < rows; r++) {
      List<String> parts = new ArrayList<>();
      long rowSum = 0;
      for (int c = 0; c < columns; c++) {
        long count = table.get(r).get(c);
        cells.put("r" + r + "c" + c, count);
        cells.merge("c" + c, count, Long::sum);
        parts.add("r" + r + "c" + c);
        rowSum += count;
      }
      cells.put("r" + r, rowSum);
      rowTotals.add("r" + r);
      sums.add(new Sum("r" + r, parts));
      total += rowSum;
    }
    for (int c = 0; c < columns; c++) {
      List<String> parts = new ArrayList<>();
      for (int r = 0; r < rows; r++) {
        parts.add("r" + r + "c" + c);
      }
      sums.add(new Sum("c" + c, parts));
    }
    cells.put("total", total);
    sums.add(new Sum("total", rowTotals));
    sums.add(new Sum("total", columnTotals));

    Result result = new SmallCellSuppression(threshold).suppress("m", LocalDate.of(2026, 1, 1),
        LocalDate.of(2026, 12, 31), cells, sums, List.of());

    assertThat(result.released().values()).allMatch(count -> count == 0 || count > threshold);
    for (Sum sum : sums) {
      assertThat(sum.members().filter(result.withheld()::containsKey).count()).as(sum.toString()).isNotEqualTo(1);
    }
    assertThat(result.released().size() + result.withheld().size()).isEqualTo(cells.size());
  }

  @Provide
  Arbitrary<List<List<Integer>>> tables() {
    return Arbitraries.integers().between(2, 4).flatMap(columns -> Arbitraries.integers().between(0, 60)
        .list().ofSize(columns).list().ofMinSize(2).ofMaxSize(4));
  }
}
