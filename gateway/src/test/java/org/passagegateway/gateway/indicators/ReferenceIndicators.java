package org.passagegateway.gateway.indicators;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.passagegateway.gateway.indicators.GeneratedReferrals.Fact;
import org.passagegateway.gateway.indicators.IndicatorMeasure.Group;
import org.passagegateway.gateway.indicators.IndicatorMeasure.Population;
import org.passagegateway.gateway.indicators.IndicatorMeasure.Stratifier;
import org.passagegateway.gateway.indicators.IndicatorQueries.Found;

/**
 * The indicators computed the plain way, fact by fact in Java, from the measures' definitions as
 * the README states them: what the set-based queries must agree with.
 */
final class ReferenceIndicators {

  private static final Map<String, String> SITE_TYPES = Map.of("hr-1", "harm-reduction-site", "anc-1", "antenatal-clinic",
      "tb-1", "tb-service", "shelter-1", "womens-shelter", "prison-1", "prison-health-unit", "ost-1", "ost-provider");

  private final List<Fact> facts;
  private final Predicate<Fact> optedOut;
  private final Instant start;
  private final Instant end;

  ReferenceIndicators(List<Fact> facts, Predicate<Fact> optedOut, LocalDate first, LocalDate last) {
    this.facts = facts;
    this.optedOut = optedOut;
    this.start = first.atStartOfDay().toInstant(ZoneOffset.UTC);
    this.end = last.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  Found evaluate(IndicatorMeasure measure) {
    Map<String, Map<Stratum, Long>> counts = new LinkedHashMap<>();
    Map<String, Map<Stratum, Long>> scores = new LinkedHashMap<>();
    for (Group group : measure.groups()) {
      for (Population population : group.populations()) {
        Predicate<Fact> in = condition(measure.id(), group.code(), population.code());
        if (counts.containsKey(IndicatorQueries.cell(group, population))) {
          continue; // the same facts, counted once (populations and groups that share their cells)
        }
        Map<Stratum, Long> cell = counts.computeIfAbsent(IndicatorQueries.cell(group, population), c -> new LinkedHashMap<>());
        for (Fact fact : counted()) {
          if (!in.test(fact)) {
            continue;
          }
          cell.merge(Stratum.TOTAL, 1L, Long::sum);
          for (Stratifier stratifier : group.stratifiers()) {
            cell.merge(stratum(stratifier, fact), 1L, Long::sum);
          }
        }
      }
      if (measure.scoring() == IndicatorMeasure.Scoring.CONTINUOUS_VARIABLE) {
        Predicate<Fact> in = condition(measure.id(), group.code(), IndicatorMeasures.INITIAL);
        Function<Fact, Long> observed = measure.id().contains("acceptance") ? Fact::acceptSeconds : Fact::completeSeconds;
        Map<Stratum, List<Long>> values = new LinkedHashMap<>();
        for (Fact fact : counted()) {
          if (in.test(fact) && observed.apply(fact) != null) {
            values.computeIfAbsent(Stratum.TOTAL, s -> new ArrayList<>()).add(observed.apply(fact));
            for (Stratifier stratifier : group.stratifiers()) {
              values.computeIfAbsent(stratum(stratifier, fact), s -> new ArrayList<>()).add(observed.apply(fact));
            }
          }
        }
        Map<Stratum, Long> score = new LinkedHashMap<>();
        values.forEach((stratum, list) -> score.put(stratum, nearestRank(list, group.percentile())));
        scores.put(group.code(), score);
      }
    }
    return new Found(counts, scores);
  }

  /** The nearest-rank percentile: the smallest value with at least that share of the values at or below it. */
  static long nearestRank(List<Long> values, double percentile) {
    List<Long> sorted = values.stream().sorted().toList();
    // In exact decimals, as SQL's percentile_disc: 0.9 × 10 is 9, not the 9.000000000000002 of doubles.
    int rank = java.math.BigDecimal.valueOf(percentile).multiply(java.math.BigDecimal.valueOf(sorted.size()))
        .setScale(0, java.math.RoundingMode.CEILING).intValueExact();
    return sorted.get(Math.max(rank, 1) - 1);
  }

  private List<Fact> counted() {
    return facts.stream().filter(f -> !"entered-in-error".equals(f.status()) && !optedOut.test(f)).toList();
  }

  private Predicate<Fact> condition(String measure, String group, String population) {
    return switch (measure) {
      case "passage-referral-outcomes" -> switch (group) {
        case "sent" -> f -> in(f.sent());
        case "accepted" -> f -> in(f.accepted());
        case "completed" -> f -> "completed".equals(f.status()) && in(f.ended());
        case "rejected" -> f -> "rejected".equals(f.status()) && in(f.ended());
        case "cancelled" -> f -> "cancelled".equals(f.status()) && f.sent() != null && in(f.ended());
        default -> throw new IllegalArgumentException(group);
      };
      case "passage-time-to-acceptance" -> f -> in(f.accepted());
      case "passage-time-to-completion" -> f -> "completed".equals(f.status()) && in(f.ended());
      case "passage-pmtct" -> {
        Predicate<Fact> denominator = f -> Set.of("pmtct", "prison-pmtct").contains(f.service()) && in(f.sent());
        yield population.equals(IndicatorMeasures.NUMERATOR)
            ? denominator.and(f -> "completed".equals(f.status()) && f.ended().isBefore(end)) : denominator;
      }
      case "passage-release-linkage" -> {
        Predicate<Fact> denominator = f -> f.releasePlanning() && "prison-1".equals(f.requester()) && in(f.sent());
        yield population.equals(IndicatorMeasures.NUMERATOR) ? denominator.and(this::reachedHarmReduction) : denominator;
      }
      default -> throw new IllegalArgumentException(measure);
    };
  }

  private boolean reachedHarmReduction(Fact prison) {
    Instant deadline = prison.sent().plus(Duration.ofDays(30));
    return facts.stream().anyMatch(g -> g.woman().equals(prison.woman()) && !"entered-in-error".equals(g.status())
        && !optedOut.test(g)
        && g.started() != null && !g.started().isBefore(prison.sent()) && !g.started().isAfter(deadline)
        && (IndicatorMeasures.HARM_REDUCTION_SERVICES.contains(g.service())
            || (g.owner() != null && IndicatorMeasures.HARM_REDUCTION_SITE_TYPES.contains(SITE_TYPES.get(g.owner())))));
  }

  private boolean in(Instant at) {
    return at != null && !at.isBefore(start) && at.isBefore(end);
  }

  private static Stratum stratum(Stratifier stratifier, Fact fact) {
    return new Stratum(stratifier.code(), stratifier.components().stream().map(d -> value(d, fact)).toList());
  }

  static String value(Dimension dimension, Fact f) {
    return switch (dimension) {
      case SEX -> f.sex() == null ? "unknown" : f.sex();
      case AGE_BAND -> f.birthYear() == null ? "unknown"
          : f.sent().atZone(ZoneOffset.UTC).getYear() - f.birthYear() < 25 ? "under-25" : "25-and-over";
      case SERVICE_TYPE -> f.service();
      case RECEIVING_SITE -> f.owner() == null ? "open" : f.owner();
      case RECEIVING_SITE_TYPE -> f.owner() == null ? f.performerType() : SITE_TYPES.get(f.owner());
      case SENDING_SITE -> f.requester();
      case REJECTION_REASON, CANCELLATION_REASON -> f.reason() == null ? "unknown" : f.reason();
    };
  }
}
