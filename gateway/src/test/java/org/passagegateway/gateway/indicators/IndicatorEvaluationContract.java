package org.passagegateway.gateway.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.indicators.GeneratedReferrals.Fact;
import org.passagegateway.gateway.indicators.IndicatorQueries.Found;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The set-based evaluation of every measure agrees, in every cell, with the same measure computed
 * fact by fact ({@link ReferenceIndicators}) on a generated network; a test class per database
 * implements this interface (the SQL must mean the same on H2 and PostgreSQL).
 */
interface IndicatorEvaluationContract {

  JdbcTemplate jdbc();

  DaoRegistry daos();

  /** A year of the past no other test writes referrals in, different per database class. */
  int year();

  @Test
  default void whenEveryMeasureIsEvaluatedThenEveryCountAndPercentileIsThatOfTheFactsOneByOne() {
    List<Fact> facts = GeneratedReferrals.write(jdbc(), year(), 1500, year());
    IndicatorQueries queries = new IndicatorQueries(new NamedParameterJdbcTemplate(jdbc()),
        IndicatorsConfiguration.standardPercentiles(jdbc()));
    SiteDirectory sites = SiteDirectory.read(daos());
    LocalDate first = LocalDate.of(year(), 1, 1);
    for (LocalDate[] period : List.of(new LocalDate[] {first, LocalDate.of(year(), 12, 31)},
        new LocalDate[] {LocalDate.of(year(), 3, 1), LocalDate.of(year(), 3, 31)})) {
      ReferenceIndicators reference = new ReferenceIndicators(facts, f -> GeneratedReferrals.excluded(jdbc(), f),
          period[0], period[1]);
      for (IndicatorMeasure measure : IndicatorMeasures.ALL) {
        Found found = queries.evaluate(measure, period[0], period[1], sites);
        Found expected = reference.evaluate(measure);
        assertThat(differences(found.counts(), expected.counts())).as(measure.id() + " counts " + period[0]).isEmpty();
        assertThat(differences(found.scores(), expected.scores())).as(measure.id() + " percentiles " + period[0]).isEmpty();
        assertThat(found.counts()).isNotEmpty();
      }
    }
  }

  /** Every cell where the two disagree: {@code cell|stratum: found vs expected}. */
  private static List<String> differences(Map<String, Map<Stratum, Long>> found, Map<String, Map<Stratum, Long>> expected) {
    List<String> differences = new ArrayList<>();
    Set<String> cells = new TreeSet<>(found.keySet());
    cells.addAll(expected.keySet());
    for (String cell : cells) {
      Map<Stratum, Long> f = found.getOrDefault(cell, Map.of());
      Map<Stratum, Long> e = expected.getOrDefault(cell, Map.of());
      Set<Stratum> strata = new LinkedHashSet<>(f.keySet());
      strata.addAll(e.keySet());
      for (Stratum stratum : strata) {
        if (!java.util.Objects.equals(f.get(stratum), e.get(stratum))) {
          differences.add(cell + "|" + stratum.key() + ": " + f.get(stratum) + " vs " + e.get(stratum));
        }
      }
    }
    return differences;
  }

  @Test
  default void whenWomenLeavePrisonThenThoseWhoStartHarmReductionOrOstWithinThirtyDaysAreTheNumerator() {
    int year = year() + 10;
    GeneratedReferrals.clear(jdbc(), year);
    Instant march = LocalDate.of(year, 3, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
    // A: OST started after 19 days; B: after 35; C: only TB; D: a needle and syringe programme at the TB
    // service after 10 days; E: referred by the prison, but not for release planning; F: in February.
    release(year, "A", march);
    started(year, "A", "ost-1", "ost", march.plus(Duration.ofDays(19)));
    release(year, "B", march);
    started(year, "B", "ost-1", "ost", march.plus(Duration.ofDays(35)));
    release(year, "C", march);
    started(year, "C", "tb-1", "tb", march.plus(Duration.ofDays(4)));
    release(year, "D", march);
    started(year, "D", "tb-1", "nsp", march.plus(Duration.ofDays(10)));
    GeneratedReferrals.insert(jdbc(), fact(year, "E", "prison-1", "hr-1", "case-management", false, march, null));
    release(year, "F", march.minus(Duration.ofDays(2)));
    started(year, "F", "ost-1", "ost", march.plus(Duration.ofDays(3)));

    Found found = new IndicatorQueries(new NamedParameterJdbcTemplate(jdbc()), IndicatorsConfiguration.standardPercentiles(jdbc()))
        .evaluate(IndicatorMeasures.byId("passage-release-linkage").orElseThrow(), LocalDate.of(year, 3, 1),
            LocalDate.of(year, 3, 31), SiteDirectory.read(daos()));

    Stratum prison = new Stratum("sending-site", List.of("prison-1"));
    IndicatorMeasure.Group group = IndicatorMeasures.byId("passage-release-linkage").orElseThrow().groups().get(0);
    assertThat(found.counts().get(IndicatorQueries.cell(group, group.population("denominator").orElseThrow())))
        .containsEntry(Stratum.TOTAL, 4L).containsEntry(prison, 4L);
    assertThat(found.counts().get(IndicatorQueries.cell(group, group.population("numerator").orElseThrow())))
        .containsEntry(Stratum.TOTAL, 2L).containsEntry(prison, 2L);
  }

  private void release(int year, String woman, Instant sent) {
    GeneratedReferrals.insert(jdbc(), fact(year, woman, "prison-1", "hr-1", "case-management", true, sent, null));
  }

  private void started(int year, String woman, String owner, String service, Instant started) {
    GeneratedReferrals.insert(jdbc(), fact(year, woman, "hr-1", owner, service, false, started.minus(Duration.ofDays(1)),
        started));
  }

  private static GeneratedReferrals.Fact fact(int year, String woman, String requester, String owner, String service,
      boolean releasePlanning, Instant sent, Instant started) {
    return new GeneratedReferrals.Fact("gen-" + java.util.UUID.randomUUID(), "gen-" + java.util.UUID.randomUUID(),
        requester, owner, null, started == null ? "requested" : "in-progress", null, sent,
        started == null ? null : started, started, null, service, releasePlanning, "female", year - 30,
        "woman-" + year + "-" + woman);
  }

  @Test
  default void whenTheNetworkIsGeneratedThenEveryMeasureHasSomethingToCount() {
    List<Fact> facts = GeneratedReferrals.write(jdbc(), year(), 1500, year());
    ReferenceIndicators reference = new ReferenceIndicators(facts, f -> false, LocalDate.of(year(), 1, 1),
        LocalDate.of(year(), 12, 31));
    for (IndicatorMeasure measure : IndicatorMeasures.ALL) {
      Found expected = reference.evaluate(measure);
      expected.counts().forEach((cell, strata) -> assertThat(strata.getOrDefault(Stratum.TOTAL, 0L))
          .as("the generated network exercises " + measure.id() + " " + cell).isGreaterThan(10));
    }
  }
}
