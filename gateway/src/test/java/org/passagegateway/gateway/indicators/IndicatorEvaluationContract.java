package org.passagegateway.gateway.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.LocalDate;
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
