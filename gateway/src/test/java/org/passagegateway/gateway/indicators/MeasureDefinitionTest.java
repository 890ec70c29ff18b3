package org.passagegateway.gateway.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.Measure.MeasureGroupComponent;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.indicators.IndicatorMeasure.Group;
import org.passagegateway.gateway.indicators.IndicatorMeasure.Stratifier;
import org.passagegateway.gateway.support.H2GatewayTest;

/** The Measures the gateway serves (from the Passage IG) say what it evaluates: the same groups, populations and stratifiers. */
class MeasureDefinitionTest extends H2GatewayTest {

  @Test
  void whenEachIndicatorIsReadAsAMeasureThenItsGroupsPopulationsAndStratifiersAreThoseEvaluated() {
    for (IndicatorMeasure indicator : IndicatorMeasures.ALL) {
      Measure measure = fhirAs(AUDITOR).read().resource(Measure.class).withId(indicator.id()).execute();

      assertThat(measure.getUrl()).isEqualTo(IndicatorTerminology.MEASURE + indicator.id());
      assertThat(measure.getScoring().getCodingFirstRep().getCode()).isEqualTo(indicator.scoring().code);
      assertThat(measure.getGroup()).extracting(g -> g.getCode().getText())
          .containsExactlyElementsOf(indicator.groups().stream().map(Group::code).toList());
      for (int i = 0; i < indicator.groups().size(); i++) {
        Group group = indicator.groups().get(i);
        MeasureGroupComponent defined = measure.getGroup().get(i);
        List<String> populations = defined.getPopulation().stream().map(p -> p.getCode().getCodingFirstRep().getCode())
            .filter(code -> !"measure-observation".equals(code)).toList();
        assertThat(populations).as(indicator.id() + " " + group.code())
            .containsExactlyElementsOf(group.populations().stream().map(IndicatorMeasure.Population::code).toList());
        assertThat(defined.getStratifier()).extracting(s -> s.getCode().getText())
            .containsExactlyElementsOf(group.stratifiers().stream().map(Stratifier::code).toList());
        for (int s = 0; s < group.stratifiers().size(); s++) {
          Stratifier stratifier = group.stratifiers().get(s);
          var definedStratifier = defined.getStratifier().get(s);
          List<String> components = stratifier.components().size() == 1
              ? List.of(definedStratifier.getCode().getCodingFirstRep().getCode())
              : definedStratifier.getComponent().stream().map(c -> c.getCode().getCodingFirstRep().getCode()).toList();
          assertThat(components).containsExactlyElementsOf(stratifier.components().stream().map(Dimension::code).toList());
        }
      }
    }
  }

  @Test
  void whenTwoMeasuresCountTheSameFactsThenTheirCellsAreOneForSuppressionAndTheLedger() {
    Group accepted = IndicatorMeasures.byId("passage-referral-outcomes").orElseThrow().groups().get(1);
    Group median = IndicatorMeasures.byId("passage-time-to-acceptance").orElseThrow().groups().get(0);
    Group percentile = IndicatorMeasures.byId("passage-time-to-acceptance").orElseThrow().groups().get(1);
    Group completed = IndicatorMeasures.byId("passage-referral-outcomes").orElseThrow().groups().get(2);
    Group completion = IndicatorMeasures.byId("passage-time-to-completion").orElseThrow().groups().get(0);

    assertThat(IndicatorQueries.cell(median, median.populations().get(0)))
        .isEqualTo(IndicatorQueries.cell(accepted, accepted.populations().get(0)))
        .isEqualTo(IndicatorQueries.cell(percentile, percentile.populations().get(1)));
    assertThat(IndicatorQueries.cell(completion, completion.populations().get(0)))
        .isEqualTo(IndicatorQueries.cell(completed, completed.populations().get(0)))
        .isNotEqualTo(IndicatorQueries.cell(accepted, accepted.populations().get(0)));
  }

  @Test
  void whenASiteReadsAMeasureThenItMayAsItIsAPublishedDefinitionButItCannotEvaluateIt() {
    assertThat(fhir().read().resource(Measure.class).withId("passage-pmtct").execute().getName()).isEqualTo("PassagePmtct");
    assertThat(http().get("/fhir/Measure/passage-pmtct/$evaluate-measure?periodStart=2026-01-01&periodEnd=2026-01-31")
        .status()).isEqualTo(403);
  }
}
