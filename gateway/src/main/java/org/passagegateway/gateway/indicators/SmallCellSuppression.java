package org.passagegateway.gateway.indicators;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which counts of an aggregate report may be released without exposing a small group of women
 * (issue 17). A pure rules engine: cells and the sums that tie them in, the threshold, and the
 * ledger of what earlier reports released, in; what is released and why the rest is withheld, out.
 *
 * <ol>
 *   <li><b>Small counts.</b> Every count from 1 to the threshold is withheld (0 is released: it
 *       exposes no one).
 *   <li><b>Differencing.</b> A count whose difference from a count released earlier for the same
 *       cell, over a period that contains this one or is contained in it (the same period
 *       included), is from 1 to the threshold is withheld: the difference would be the small count
 *       of the rest of the period, or of what changed since the period was last reported.
 *   <li><b>Differencing by parts.</b> Where released periods nest (calendar months, quarters,
 *       half-years and years always do), a period's count less those of its largest released
 *       sub-periods is the count of what they leave out; a count that would make that remainder
 *       from 1 to the threshold, as the whole or as one of the parts, is withheld.
 *   <li><b>Complementary.</b> Wherever a sum (a total and the strata that add up to it) has
 *       exactly one withheld member, it could be computed from the others; so another member is
 *       withheld too (the smallest non-zero one not already released for this very period, else
 *       the smallest), until no sum has exactly one. This protects each sum on its own, the usual
 *       rule for the one- and two-way tables of a MeasureReport; it does not solve every system of
 *       sums (a hypercube method would), which is why every table here is at most two-way.
 * </ol>
 */
public final class SmallCellSuppression {

  /** Why a count is withheld (the reason a report states on the stratum). */
  public enum Reason {
    /** The count itself is from 1 to the threshold. */
    SMALL_COUNT,
    /** A count released earlier for an overlapping period would give a small count by difference. */
    DIFFERENCING,
    /** Withheld so that a withheld count cannot be computed from a sum. */
    COMPLEMENTARY
  }

  /** A sum between cells: {@code total} is the sum of {@code parts} (a stratifier's strata add up to the count). */
  public record Sum(String total, List<String> parts) {
    public Sum {
      parts = List.copyOf(parts);
    }

    Stream<String> members() {
      return Stream.concat(Stream.of(total), parts.stream());
    }
  }

  /** A count an earlier report released: of which measure's cell, over which period (inclusive). */
  public record Released(String measure, String cell, LocalDate start, LocalDate end, long count) {}

  /** A cell an earlier report withheld for a period (inclusive). */
  public record Withheld(String measure, String cell, LocalDate start, LocalDate end) {}

  /** What may be released and what is withheld, with the reason. */
  public record Result(Map<String, Long> released, Map<String, Reason> withheld) {}

  private final int threshold;

  public SmallCellSuppression(int threshold) {
    if (threshold < 1) {
      throw new IllegalArgumentException("the small-cell threshold is at least 1");
    }
    this.threshold = threshold;
  }

  /**
   * @param measure the measure the cells count for
   * @param start first day of the report's period
   * @param end last day of the report's period
   * @param cells every cell's count, by cell key (the total's too)
   * @param sums the sums that tie the cells together
   * @param ledger what earlier reports released, oldest first
   */
  public Result suppress(String measure, LocalDate start, LocalDate end, Map<String, Long> cells, List<Sum> sums,
      List<Released> ledger) {
    return suppress(measure, start, end, cells, sums, ledger, List.of());
  }

  /**
   * As {@link #suppress(String, LocalDate, LocalDate, Map, List, List)}, also held to what earlier
   * reports withheld: a cell withheld for this very period stays withheld (released now, it would
   * give away the count it was withheld to protect), and a count whose period, less its largest
   * released parts, leaves exactly a period the cell was withheld for is withheld too.
   *
   * @param withheldBefore the cells earlier reports withheld
   */
  public Result suppress(String measure, LocalDate start, LocalDate end, Map<String, Long> cells, List<Sum> sums,
      List<Released> ledger, List<Withheld> withheldBefore) {
    Map<String, Reason> withheld = new LinkedHashMap<>();
    for (Withheld earlier : withheldBefore) {
      if (earlier.measure().equals(measure) && earlier.start().equals(start) && earlier.end().equals(end)
          && cells.containsKey(earlier.cell()) && !small(cells.get(earlier.cell()))) {
        withheld.put(earlier.cell(), Reason.DIFFERENCING);
      }
    }
    cells.forEach((cell, count) -> {
      if (small(count)) {
        withheld.put(cell, Reason.SMALL_COUNT);
      }
    });
    for (Released earlier : ledger) {
      Long count = cells.get(earlier.cell());
      if (count != null && earlier.measure().equals(measure) && !withheld.containsKey(earlier.cell())
          && nested(start, end, earlier) && small(Math.abs(count - earlier.count()))) {
        withheld.put(earlier.cell(), Reason.DIFFERENCING);
      }
    }
    cells.forEach((cell, count) -> {
      if (!withheld.containsKey(cell) && (revealsRemainder(measure, cell, new Period(start, end), count, ledger)
          || uncoversWithheld(measure, cell, new Period(start, end), count, ledger, withheldBefore))) {
        withheld.put(cell, Reason.DIFFERENCING);
      }
    });
    Set<String> releasedForThisPeriod = ledger.stream()
        .filter(earlier -> earlier.measure().equals(measure) && earlier.start().equals(start) && earlier.end().equals(end))
        .map(Released::cell).collect(Collectors.toSet());
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Sum sum : sums) {
        List<String> members = sum.members().filter(cells::containsKey).toList();
        if (members.stream().filter(withheld::containsKey).count() != 1) {
          continue;
        }
        Optional<String> complement = complement(members, cells, withheld, releasedForThisPeriod);
        if (complement.isPresent()) {
          withheld.put(complement.get(), Reason.COMPLEMENTARY);
          changed = true;
        }
      }
    }
    Map<String, Long> released = new LinkedHashMap<>();
    cells.forEach((cell, count) -> {
      if (!withheld.containsKey(cell)) {
        released.put(cell, count);
      }
    });
    return new Result(released, withheld);
  }

  /** The member to withhold beside the one withheld: the smallest non-zero one not released already for this period. */
  private static Optional<String> complement(List<String> members, Map<String, Long> cells, Map<String, Reason> withheld,
      Set<String> releasedForThisPeriod) {
    Comparator<String> smallest = Comparator.comparingLong((String cell) -> cells.get(cell)).thenComparing(cell -> cell);
    List<String> candidates = new ArrayList<>(members.stream().filter(cell -> !withheld.containsKey(cell)).toList());
    return candidates.stream().filter(cell -> cells.get(cell) > 0 && !releasedForThisPeriod.contains(cell)).min(smallest)
        .or(() -> candidates.stream().filter(cell -> !releasedForThisPeriod.contains(cell)).min(smallest))
        .or(() -> candidates.stream().min(smallest));
  }

  private boolean small(long count) {
    return count >= 1 && count <= threshold;
  }

  /** A period, first and last day included. */
  record Period(LocalDate start, LocalDate end) {
    boolean contains(Period other) {
      return !other.start.isBefore(start) && !other.end.isAfter(end);
    }

    boolean disjoint(Period other) {
      return other.end.isBefore(start) || end.isBefore(other.start);
    }
  }

  /** A released period (or this one) and its largest released sub-periods, which do not overlap. */
  private record Split(Period whole, List<Period> parts) {}

  /**
   * The splits releasing the cell over {@code period} adds to what was released of it: each period
   * containing it (itself included) with its largest released sub-periods, where this period is the
   * whole or one of the parts. A count per period: the latest released (this one's for itself).
   */
  private static List<Split> splits(String measure, String cell, Period period, long count, List<Released> ledger,
      Map<Period, Long> counts) {
    for (Released earlier : ledger) {
      if (earlier.measure().equals(measure) && earlier.cell().equals(cell)) {
        counts.put(new Period(earlier.start(), earlier.end()), earlier.count());
      }
    }
    counts.put(period, count);
    List<Split> splits = new ArrayList<>();
    for (Period whole : counts.keySet()) {
      List<Period> parts = whole.contains(period) ? largestParts(whole, counts.keySet()) : List.of();
      if (!parts.isEmpty() && (whole.equals(period) || parts.contains(period)) && pairwiseDisjoint(parts)) {
        splits.add(new Split(whole, parts));
      }
    }
    return splits;
  }

  /**
   * Whether releasing {@code count} for the cell over {@code period} would let a period's count,
   * less the counts of its largest released sub-periods, give a small remainder.
   */
  private boolean revealsRemainder(String measure, String cell, Period period, long count, List<Released> ledger) {
    Map<Period, Long> counts = new LinkedHashMap<>();
    return splits(measure, cell, period, count, ledger, counts).stream().anyMatch(split ->
        small(Math.abs(counts.get(split.whole()) - split.parts().stream().mapToLong(counts::get).sum())));
  }

  /**
   * Whether releasing the cell over {@code period} would leave, in a period containing it (or
   * itself), exactly a withheld period of the cell uncovered by the largest released parts: the
   * whole less the parts would be the withheld count.
   */
  private static boolean uncoversWithheld(String measure, String cell, Period period, long count, List<Released> ledger,
      List<Withheld> withheldBefore) {
    List<Period> withheldPeriods = withheldBefore.stream().filter(w -> w.measure().equals(measure) && w.cell().equals(cell))
        .map(w -> new Period(w.start(), w.end())).toList();
    if (withheldPeriods.isEmpty()) {
      return false;
    }
    return splits(measure, cell, period, count, ledger, new LinkedHashMap<>()).stream().anyMatch(split -> {
      long uncovered = days(split.whole()) - split.parts().stream().mapToLong(SmallCellSuppression::days).sum();
      return withheldPeriods.stream().anyMatch(hidden -> split.whole().contains(hidden) && !hidden.equals(split.whole())
          && split.parts().stream().allMatch(hidden::disjoint) && days(hidden) == uncovered);
    });
  }

  private static long days(Period period) {
    return java.time.temporal.ChronoUnit.DAYS.between(period.start(), period.end()) + 1;
  }

  /** The released periods inside {@code whole} (not itself) that no other released period inside it contains. */
  private static List<Period> largestParts(Period whole, Set<Period> released) {
    List<Period> inside = released.stream().filter(p -> !p.equals(whole) && whole.contains(p)).toList();
    return inside.stream().filter(p -> inside.stream().noneMatch(q -> !q.equals(p) && q.contains(p))).toList();
  }

  private static boolean pairwiseDisjoint(List<Period> periods) {
    for (int i = 0; i < periods.size(); i++) {
      for (int j = i + 1; j < periods.size(); j++) {
        if (!periods.get(i).disjoint(periods.get(j))) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Whether one period contains the other (or they are the same), so that the difference of their
   * counts is the count of a period, or of the changes since the same period was reported.
   */
  private static boolean nested(LocalDate start, LocalDate end, Released earlier) {
    boolean earlierInside = !earlier.start().isBefore(start) && !earlier.end().isAfter(end);
    boolean thisInside = !start.isBefore(earlier.start()) && !end.isAfter(earlier.end());
    return earlierInside || thisInside;
  }
}
