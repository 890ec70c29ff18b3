package org.passagegateway.gateway.indicators;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupComponent;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupStratifierComponent;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.passagegateway.gateway.indicators.IndicatorMeasure.Group;
import org.passagegateway.gateway.indicators.IndicatorMeasure.Population;
import org.passagegateway.gateway.indicators.IndicatorMeasure.Stratifier;
import org.passagegateway.gateway.indicators.IndicatorQueries.Found;
import org.passagegateway.gateway.indicators.SmallCellSuppression.Reason;
import org.passagegateway.gateway.indicators.SmallCellSuppression.Result;

/**
 * Writes an evaluated, suppressed measure as a summary MeasureReport in the shape IHE mADX gives
 * aggregate reports: a group per Measure group, its populations' counts, each stratifier's strata
 * (two-way ones as components) with their counts and score. A withheld count is absent and its
 * population carries the reason ({@code passage-suppressed}); a stratum with any of its values
 * withheld carries it too; a score is shown only where every count it is built on is. No client,
 * pseudonym or resource reference is ever written: sites appear by their public site code.
 */
final class IndicatorReports {

  private IndicatorReports() {}

  static MeasureReport report(IndicatorMeasure measure, LocalDate start, LocalDate end, Found found, Result result,
      Instant now) {
    MeasureReport report = new MeasureReport();
    report.getMeta().addProfile(IndicatorTerminology.BASE + "/StructureDefinition/passage-indicator-report");
    report.setStatus(MeasureReport.MeasureReportStatus.COMPLETE).setType(MeasureReport.MeasureReportType.SUMMARY)
        .setMeasure(IndicatorTerminology.MEASURE + measure.id()).setDate(Date.from(now))
        .setImprovementNotation(measure.scoring() == IndicatorMeasure.Scoring.PROPORTION ? new CodeableConcept(new Coding(
            "http://terminology.hl7.org/CodeSystem/measure-improvement-notation", "increase", null)) : null)
        .setPeriod(new Period().setStartElement(new DateTimeType(start.toString())).setEndElement(new DateTimeType(end.toString())));
    for (Group group : measure.groups()) {
      MeasureReportGroupComponent section = report.addGroup();
      section.setCode(new CodeableConcept().setText(group.code()));
      for (Population population : group.populations()) {
        String cell = IndicatorQueries.cell(group, population);
        populationCount(section.addPopulation().setCode(populationCode(population.code())), result,
            ReportCells.key(cell, Stratum.TOTAL), found.counts().getOrDefault(cell, Map.of()).containsKey(Stratum.TOTAL));
      }
      score(measure, group, Stratum.TOTAL, found, result).ifPresent(section::setMeasureScore);
      for (Stratifier stratifier : group.stratifiers()) {
        stratifier(measure, group, stratifier, section.addStratifier(), found, result);
      }
    }
    return report;
  }

  private static void stratifier(IndicatorMeasure measure, Group group, Stratifier stratifier,
      MeasureReportGroupStratifierComponent section, Found found, Result result) {
    section.addCode(stratifierCode(stratifier));
    Set<Stratum> strata = new LinkedHashSet<>();
    for (Population population : group.populations()) {
      found.counts().getOrDefault(IndicatorQueries.cell(group, population), Map.of()).keySet().stream()
          .filter(s -> s.stratifier().equals(stratifier.code())).forEach(strata::add);
    }
    for (Stratum stratum : strata) {
      var out = section.addStratum();
      if (stratifier.components().size() == 1) {
        out.setValue(value(stratifier.components().get(0), stratum.values().get(0)));
      } else {
        for (int i = 0; i < stratifier.components().size(); i++) {
          Dimension dimension = stratifier.components().get(i);
          out.addComponent().setCode(dimensionCode(dimension)).setValue(value(dimension, stratum.values().get(i)));
        }
      }
      Reason withheld = null;
      for (Population population : group.populations()) {
        String cell = IndicatorQueries.cell(group, population);
        String key = ReportCells.key(cell, stratum);
        var count = out.addPopulation().setCode(populationCode(population.code()));
        populationCount(count, result, key, found.counts().getOrDefault(cell, Map.of()).containsKey(stratum));
        withheld = withheld != null ? withheld : result.withheld().get(key);
      }
      if (measure.scoring() == IndicatorMeasure.Scoring.PROPORTION) {
        withheld = withheld != null ? withheld : result.withheld().get(ReportCells.key(ReportCells.rest(group), stratum));
      }
      if (withheld != null) {
        suppressed(out, withheld);
      }
      score(measure, group, stratum, found, result).ifPresent(out::setMeasureScore);
    }
  }

  /** The count, 0 where no fact is in the cell, or its absence with the reason. */
  private static void populationCount(Element population, Result result, String key, boolean found) {
    Reason withheld = result.withheld().get(key);
    if (withheld != null) {
      suppressed(population, withheld);
    } else if (population instanceof MeasureReport.MeasureReportGroupPopulationComponent total) {
      total.setCount((int) (long) result.released().getOrDefault(key, 0L));
    } else if (population instanceof MeasureReport.StratifierGroupPopulationComponent part) {
      part.setCount((int) (long) result.released().getOrDefault(key, 0L));
    }
  }

  /** A proportion's rate or a continuous variable's percentile (hours), only when every count it rests on is released. */
  private static Optional<Quantity> score(IndicatorMeasure measure, Group group, Stratum stratum, Found found,
      Result result) {
    if (measure.scoring() == IndicatorMeasure.Scoring.PROPORTION) {
      String denominator = ReportCells.key(IndicatorQueries.cell(group, group.population(IndicatorMeasures.DENOMINATOR)
          .orElseThrow()), stratum);
      String numerator = ReportCells.key(IndicatorQueries.cell(group, group.population(IndicatorMeasures.NUMERATOR)
          .orElseThrow()), stratum);
      Long d = result.released().get(denominator);
      if (d == null || d == 0 || result.withheld().containsKey(numerator)) {
        return Optional.empty();
      }
      long n = result.released().getOrDefault(numerator, 0L);
      return Optional.of(new Quantity().setValue(BigDecimal.valueOf(n).divide(BigDecimal.valueOf(d), 4,
          RoundingMode.HALF_EVEN)));
    }
    if (measure.scoring() == IndicatorMeasure.Scoring.CONTINUOUS_VARIABLE) {
      String count = ReportCells.key(IndicatorQueries.cell(group, group.populations().get(0)), stratum);
      Long seconds = found.scores().getOrDefault(group.code(), Map.of()).get(stratum);
      if (seconds == null || !result.released().containsKey(count)) {
        return Optional.empty();
      }
      return Optional.of(hours(seconds));
    }
    return Optional.empty();
  }

  static Quantity hours(long seconds) {
    return new Quantity().setValue(BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_EVEN))
        .setUnit("h").setSystem("http://unitsofmeasure.org").setCode("h");
  }

  private static void suppressed(Element element, Reason reason) {
    element.addExtension(IndicatorTerminology.SUPPRESSED, new CodeType(reasonCode(reason)));
  }

  static String reasonCode(Reason reason) {
    return reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static CodeableConcept populationCode(String code) {
    return new CodeableConcept(new Coding(IndicatorTerminology.POPULATION, code, null));
  }

  static CodeableConcept stratifierCode(Stratifier stratifier) {
    CodeableConcept code = new CodeableConcept().setText(stratifier.code());
    if (stratifier.components().size() == 1) {
      code.addCoding(new Coding(IndicatorTerminology.DIMENSION, stratifier.components().get(0).code(), null));
    }
    return code;
  }

  static CodeableConcept dimensionCode(Dimension dimension) {
    return new CodeableConcept(new Coding(IndicatorTerminology.DIMENSION, dimension.code(), null));
  }

  /** A stratum's value: the code in its dimension's system, or why it is missing (data-absent-reason). */
  static CodeableConcept value(Dimension dimension, String value) {
    if (Dimension.UNKNOWN.equals(value)) {
      return new CodeableConcept(new Coding(IndicatorTerminology.DATA_ABSENT, "unknown", "Unknown"));
    }
    if (Dimension.OPEN.equals(value) && dimension.isSite()) {
      return new CodeableConcept(new Coding(IndicatorTerminology.DATA_ABSENT, "not-applicable", "Not Applicable"))
          .setText("open referral not yet claimed");
    }
    return new CodeableConcept(new Coding(dimension.system(), value, null));
  }
}
