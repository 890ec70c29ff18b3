package org.passagegateway.gateway.indicators;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.passagegateway.gateway.indicators.IndicatorMeasure.Group;
import org.passagegateway.gateway.indicators.IndicatorMeasure.Population;
import org.passagegateway.gateway.indicators.IndicatorMeasure.Stratifier;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Evaluates a measure against the referral facts in set-based queries: for counts, one query per
 * measure grouped by every dimension its stratifiers use, rolled up here into each stratum; for a
 * continuous-variable measure, one query per stratifier that ranks the observations in the
 * database and returns only those at each percentile's rank. Referrals entered in error and those of clients whose consent opts them out of
 * indicators ({@code psg_statistics_exclusion}) are never counted.
 */
final class IndicatorQueries {

  private static final String COUNTED = "f.status <> 'entered-in-error' and not exists (select 1 from"
      + " psg_statistics_exclusion e where e.patient_id = f.patient_id and e.custodian = f.requester)";

  /** What a measure's evaluation found, before suppression. */
  record Found(Map<String, Map<Stratum, Long>> counts, Map<String, Map<Stratum, Long>> scores) {}

  private final NamedParameterJdbcTemplate jdbc;
  private final boolean standardPercentiles;

  /**
   * @param standardPercentiles whether the database computes {@code percentile_disc} as SQL defines
   *     it, the nearest rank (PostgreSQL; H2 does not, so there the ranks are found with window
   *     functions, the same values about three times slower)
   */
  IndicatorQueries(NamedParameterJdbcTemplate jdbc, boolean standardPercentiles) {
    this.jdbc = jdbc;
    this.standardPercentiles = standardPercentiles;
  }

  /**
   * Counts, by cell name ({@link Group#cells()} and population code) and stratum; for a
   * continuous-variable measure also the observed percentile (seconds) by group code and stratum.
   */
  Found evaluate(IndicatorMeasure measure, LocalDate start, LocalDate end, SiteDirectory sites) {
    MapSqlParameterSource parameters = parameters(start, end, sites);
    Map<String, Map<Stratum, Long>> counts = new LinkedHashMap<>();
    Map<String, Map<Stratum, Long>> scores = new LinkedHashMap<>();
    if (measure.scoring() == IndicatorMeasure.Scoring.CONTINUOUS_VARIABLE) {
      observe(measure, parameters, sites, counts, scores);
    } else {
      count(measure, parameters, sites, counts);
    }
    return new Found(counts, scores);
  }

  private static MapSqlParameterSource parameters(LocalDate start, LocalDate end, SiteDirectory sites) {
    return new MapSqlParameterSource()
        .addValue("start", Timestamp.from(start.atStartOfDay().toInstant(ZoneOffset.UTC)))
        .addValue("end", Timestamp.from(end.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)));
  }

  /**
   * The name a population's counts go by, for suppression and the ledger: a digest of its condition,
   * so that populations that count the very same facts, in one measure or in several (the referrals
   * accepted in a period, say, both an outcome and the time to acceptance's population), are one
   * cell, suppressed alike and checked against everything released of it.
   */
  static String cell(Group group, Population population) {
    return digest(population.condition());
  }

  /** A short, stable name for a condition (or conditions). */
  static String digest(String condition) {
    try {
      byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
          .digest(condition.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "c" + java.util.HexFormat.of().formatHex(hash, 0, 8);
    } catch (java.security.NoSuchAlgorithmException missing) {
      throw new IllegalStateException(missing);
    }
  }

  private void count(IndicatorMeasure measure, MapSqlParameterSource parameters, SiteDirectory sites,
      Map<String, Map<Stratum, Long>> counts) {
    List<Dimension> dimensions = dimensions(measure);
    List<String> cells = new ArrayList<>();
    List<String> conditions = new ArrayList<>();
    for (Group group : measure.groups()) {
      for (Population population : group.populations()) {
        String cell = cell(group, population);
        if (!cells.contains(cell)) {
          cells.add(cell);
          conditions.add(population.condition());
          counts.put(cell, new LinkedHashMap<>());
        }
      }
    }
    StringBuilder inner = new StringBuilder("select ");
    StringBuilder outer = new StringBuilder("select ");
    for (int i = 0; i < dimensions.size(); i++) {
      inner.append(dimensions.get(i).sql(sites)).append(" as d").append(i).append(", ");
      outer.append("d").append(i).append(", ");
    }
    for (int i = 0; i < conditions.size(); i++) {
      inner.append("case when ").append(conditions.get(i)).append(" then 1 else 0 end as p").append(i)
          .append(i + 1 < conditions.size() ? ", " : "");
      outer.append("sum(p").append(i).append(")").append(i + 1 < conditions.size() ? ", " : "");
    }
    inner.append(" from psg_referral_fact f where ").append(COUNTED).append(" and ((")
        .append(String.join(") or (", conditions)).append("))");
    outer.append(" from (").append(inner).append(") x");
    if (!dimensions.isEmpty()) {
      outer.append(" group by ");
      for (int i = 0; i < dimensions.size(); i++) {
        outer.append("d").append(i).append(i + 1 < dimensions.size() ? ", " : "");
      }
    }
    jdbc.query(bind(outer.toString(), sites), parameters, row -> {
      Map<Dimension, String> values = new HashMap<>();
      for (int i = 0; i < dimensions.size(); i++) {
        values.put(dimensions.get(i), value(dimensions.get(i), row.getString(i + 1), sites));
      }
      for (int c = 0; c < cells.size(); c++) {
        long n = row.getLong(dimensions.size() + c + 1);
        if (n == 0) {
          continue;
        }
        Map<Stratum, Long> cell = counts.get(cells.get(c));
        for (Stratum stratum : strataOf(measure, cells.get(c), values)) {
          cell.merge(stratum, n, Long::sum);
        }
      }
    });
  }

  /** The total and the stratum of each stratifier of the groups whose counts go by this cell name. */
  private static Set<Stratum> strataOf(IndicatorMeasure measure, String cell, Map<Dimension, String> values) {
    Set<Stratum> strata = new LinkedHashSet<>();
    strata.add(Stratum.TOTAL);
    for (Group group : measure.groups()) {
      if (group.populations().stream().noneMatch(population -> cell(group, population).equals(cell))) {
        continue;
      }
      for (Stratifier stratifier : group.stratifiers()) {
        strata.add(new Stratum(stratifier.code(), stratifier.components().stream().map(values::get).toList()));
      }
    }
    return strata;
  }

  private void observe(IndicatorMeasure measure, MapSqlParameterSource parameters, SiteDirectory sites,
      Map<String, Map<Stratum, Long>> counts, Map<String, Map<Stratum, Long>> scores) {
    Group first = measure.groups().get(0);
    Population population = first.populations().get(0);
    Map<Stratum, Long> count = new LinkedHashMap<>();
    first.populations().forEach(p -> counts.put(cell(first, p), count));
    measure.groups().forEach(group -> scores.put(group.code(), new LinkedHashMap<>()));
    List<Stratifier> stratifiers = new ArrayList<>();
    stratifiers.add(null);
    stratifiers.addAll(first.stratifiers());
    for (Stratifier stratifier : stratifiers) {
      List<Dimension> components = stratifier == null ? List.of() : stratifier.components();
      String dims = "";
      StringBuilder inner = new StringBuilder("select ");
      for (int i = 0; i < components.size(); i++) {
        inner.append(components.get(i).sql(sites)).append(" as d").append(i).append(", ");
        dims += (i == 0 ? "" : ", ") + "d" + i;
      }
      inner.append("f.").append(measure.observation()).append(" as obs from psg_referral_fact f where ").append(COUNTED)
          .append(" and f.").append(measure.observation()).append(" is not null and ").append(population.condition());
      if (standardPercentiles) {
        percentiles(measure, stratifier, components, dims, inner.toString(), parameters, sites, count, scores);
        continue;
      }
      // The nearest-rank percentile (SQL's percentile_disc, which H2 computes otherwise): the value at
      // rank ceiling(p × n) of the stratum's n values in order, found with window functions.
      String partition = components.isEmpty() ? "" : "partition by " + dims + " ";
      StringBuilder ranked = new StringBuilder("select ").append(dims.isEmpty() ? "" : dims + ", ")
          .append("obs, row_number() over (").append(partition).append("order by obs) as r, count(*) over (")
          .append(partition.isEmpty() ? "" : partition.trim()).append(") as n from (").append(inner).append(") x");
      StringBuilder wanted = new StringBuilder();
      for (Group group : measure.groups()) {
        wanted.append(wanted.length() == 0 ? "" : " or ").append("r = ceiling(").append(group.percentile()).append(" * n)");
      }
      String sql = "select " + (dims.isEmpty() ? "" : dims + ", ") + "obs, r, n from (" + ranked + ") y where " + wanted;
      jdbc.query(bind(sql, sites), parameters, row -> {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < components.size(); i++) {
          values.add(value(components.get(i), row.getString(i + 1), sites));
        }
        long observed = row.getLong(components.size() + 1);
        long rank = row.getLong(components.size() + 2);
        long n = row.getLong(components.size() + 3);
        Stratum stratum = stratifier == null ? Stratum.TOTAL : new Stratum(stratifier.code(), values);
        count.put(stratum, n);
        for (Group group : measure.groups()) {
          if (rank == java.math.BigDecimal.valueOf(group.percentile()).multiply(java.math.BigDecimal.valueOf(n))
              .setScale(0, java.math.RoundingMode.CEILING).longValueExact()) {
            scores.get(group.code()).put(stratum, observed);
          }
        }
      });
    }
  }

  /** A stratifier's counts and percentiles with the database's {@code percentile_disc}, one group per stratum. */
  private void percentiles(IndicatorMeasure measure, Stratifier stratifier, List<Dimension> components, String dims,
      String inner, MapSqlParameterSource parameters, SiteDirectory sites, Map<Stratum, Long> count,
      Map<String, Map<Stratum, Long>> scores) {
    StringBuilder sql = new StringBuilder("select ").append(dims.isEmpty() ? "" : dims + ", ").append("count(*)");
    for (Group group : measure.groups()) {
      sql.append(", percentile_disc(").append(group.percentile()).append(") within group (order by obs)");
    }
    sql.append(" from (").append(inner).append(") x").append(dims.isEmpty() ? "" : " group by " + dims);
    jdbc.query(bind(sql.toString(), sites), parameters, row -> {
      long n = row.getLong(components.size() + 1);
      if (n == 0) {
        return;
      }
      List<String> values = new ArrayList<>();
      for (int i = 0; i < components.size(); i++) {
        values.add(value(components.get(i), row.getString(i + 1), sites));
      }
      Stratum stratum = stratifier == null ? Stratum.TOTAL : new Stratum(stratifier.code(), values);
      count.put(stratum, n);
      for (int g = 0; g < measure.groups().size(); g++) {
        scores.get(measure.groups().get(g).code()).put(stratum, row.getLong(components.size() + 2 + g));
      }
    });
  }

  /** Every dimension the measure's stratifiers use, in a fixed order. */
  private static List<Dimension> dimensions(IndicatorMeasure measure) {
    Set<Dimension> used = new LinkedHashSet<>();
    measure.groups().forEach(group -> group.stratifiers().forEach(s -> used.addAll(s.components())));
    return List.copyOf(used);
  }

  private static String value(Dimension dimension, String value, SiteDirectory sites) {
    return dimension.isSite() && !Dimension.OPEN.equals(value) && !Dimension.UNKNOWN.equals(value) ? sites.code(value) : value;
  }

  /** Writes the directory's site lists into the SQL (validated ids, as literals). */
  private static String bind(String sql, SiteDirectory sites) {
    return sql.replace(":prisons", sites.idsOfType(List.of(IndicatorMeasures.PRISON_SITE_TYPE)))
        .replace(":harmReductionSites", sites.idsOfType(IndicatorMeasures.HARM_REDUCTION_SITE_TYPES));
  }
}
