package org.passagegateway.gateway.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.indicators.SmallCellSuppression.Reason;
import org.passagegateway.gateway.indicators.SmallCellSuppression.Released;
import org.passagegateway.gateway.indicators.SmallCellSuppression.Result;
import org.passagegateway.gateway.indicators.SmallCellSuppression.Sum;

/** Small counts, the counts that would give them away by a sum, and those that would by difference with an earlier report. */
class SmallCellSuppressionTest {

  private static final LocalDate JAN = LocalDate.of(2026, 1, 1);
  private static final LocalDate JUN = LocalDate.of(2026, 6, 30);
  private static final LocalDate JUL = LocalDate.of(2026, 7, 31);
  private static final SmallCellSuppression TEN = new SmallCellSuppression(10);

  @Test
  void whenNoCountIsSmallThenEverythingIsReleasedZerosIncluded() {
    Result result = TEN.suppress("referrals-sent", JAN, JUN, cells("total", 60, "15-24", 0, "25-49", 35, "50+", 25),
        List.of(new Sum("total", List.of("15-24", "25-49", "50+"))), List.of());

    assertThat(result.withheld()).isEmpty();
    assertThat(result.released()).containsEntry("15-24", 0L).hasSize(4);
  }

  @Test
  void whenOneStratumIsSmallThenItAndTheSmallestOtherAreWithheldSoTheTotalGivesNeitherAway() {
    Result result = TEN.suppress("referrals-sent", JAN, JUN, cells("total", 73, "15-24", 3, "25-49", 45, "50+", 25),
        List.of(new Sum("total", List.of("15-24", "25-49", "50+"))), List.of());

    assertThat(result.withheld()).containsExactly(Map.entry("15-24", Reason.SMALL_COUNT), Map.entry("50+", Reason.COMPLEMENTARY));
    assertThat(result.released()).containsOnlyKeys("total", "25-49");
  }

  @Test
  void whenTheTotalIsSmallThenItAndTheSmallestNonZeroStratumAreWithheld() {
    Result result = TEN.suppress("pmtct-reached", JAN, JUN, cells("total", 7, "15-24", 0, "25-49", 7, "50+", 0),
        List.of(new Sum("total", List.of("15-24", "25-49", "50+"))), List.of());

    assertThat(result.withheld()).containsExactly(Map.entry("total", Reason.SMALL_COUNT), Map.entry("25-49", Reason.SMALL_COUNT));
    assertThat(result.released()).containsOnlyKeys("15-24", "50+");
  }

  @Test
  void whenATwoWayTableHasASmallCellThenEveryRowAndColumnSumKeepsTwoWithheld() {
    // Sex by age band, with row, column and grand totals.
    Map<String, Long> cells = cells("total", 130, "F", 100, "M", 30, "15-24", 40, "25+", 90,
        "F|15-24", 38, "F|25+", 62, "M|15-24", 2, "M|25+", 28);
    List<Sum> sums = List.of(new Sum("total", List.of("F", "M")), new Sum("total", List.of("15-24", "25+")),
        new Sum("F", List.of("F|15-24", "F|25+")), new Sum("M", List.of("M|15-24", "M|25+")),
        new Sum("15-24", List.of("F|15-24", "M|15-24")), new Sum("25+", List.of("F|25+", "M|25+")));

    Result result = TEN.suppress("referrals-sent", JAN, JUN, cells, sums, List.of());

    assertThat(result.withheld()).containsEntry("M|15-24", Reason.SMALL_COUNT);
    for (Sum sum : sums) {
      long withheld = sum.members().filter(result.withheld()::containsKey).count();
      assertThat(withheld).as(sum.toString()).isNotEqualTo(1);
    }
  }

  @Test
  void whenAnEarlierReportOverANestedPeriodWouldGiveASmallDifferenceThenTheCountIsWithheld() {
    List<Released> ledger = List.of(new Released("referrals-sent", "total", JAN, JUN, 50),
        new Released("referrals-sent", "25-49", JAN, JUN, 30));

    Result result = TEN.suppress("referrals-sent", JAN, JUL, cells("total", 53, "25-49", 45),
        List.of(), ledger);

    assertThat(result.withheld()).containsExactly(Map.entry("total", Reason.DIFFERENCING));
    assertThat(result.released()).containsEntry("25-49", 45L);
  }

  @Test
  void whenTheSamePeriodIsReportedAgainWithASmallChangeThenTheChangedCountIsWithheld() {
    List<Released> ledger = List.of(new Released("referrals-sent", "total", JAN, JUN, 50),
        new Released("referrals-sent", "F", JAN, JUN, 30), new Released("referrals-sent", "M", JAN, JUN, 20));

    Result result = TEN.suppress("referrals-sent", JAN, JUN, cells("total", 52, "F", 32, "M", 20),
        List.of(new Sum("total", List.of("F", "M"))), ledger);

    assertThat(result.withheld()).containsOnly(Map.entry("total", Reason.DIFFERENCING), Map.entry("F", Reason.DIFFERENCING));
    assertThat(result.released()).containsOnly(Map.entry("M", 20L));
  }

  @Test
  void whenAQuarterAndItsFirstMonthWereReleasedThenTheSecondMonthIsWithheldIfTheThirdWouldFollowBySubtraction() {
    LocalDate feb = LocalDate.of(2026, 2, 1);
    LocalDate mar = LocalDate.of(2026, 3, 1);
    List<Released> ledger = List.of(new Released("referrals-sent", "total", JAN, LocalDate.of(2026, 3, 31), 60),
        new Released("referrals-sent", "total", JAN, feb.minusDays(1), 25));

    Result february = TEN.suppress("referrals-sent", feb, mar.minusDays(1), cells("total", 30), List.of(), ledger);
    Result laterFebruary = TEN.suppress("referrals-sent", feb, mar.minusDays(1), cells("total", 20), List.of(), ledger);

    assertThat(february.withheld()).as("60 - 25 - 30 = 5 would be March's").containsEntry("total", Reason.DIFFERENCING);
    assertThat(laterFebruary.withheld()).as("60 - 25 - 20 = 15 for March: nothing small").isEmpty();
  }

  @Test
  void whenTheMonthsOfAQuarterWereReleasedThenTheQuarterIsWithheldIfItExceedsThemBySmallCount() {
    List<Released> ledger = List.of(new Released("referrals-sent", "total", JAN, LocalDate.of(2026, 1, 31), 25),
        new Released("referrals-sent", "total", LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28), 30));

    Result quarter = TEN.suppress("referrals-sent", JAN, LocalDate.of(2026, 3, 31), cells("total", 58), List.of(), ledger);

    assertThat(quarter.withheld()).as("58 - 25 - 30 = 3 would be March's").containsEntry("total", Reason.DIFFERENCING);
  }

  @Test
  void whenAPeriodIsReportedAgainThenWhatWasWithheldStaysWithheldEvenIfItIsNoLongerSmall() {
    List<Released> ledger = List.of(new Released("referrals-sent", "total", JAN, JUN, 33),
        new Released("referrals-sent", "B", JAN, JUN, 17));
    List<SmallCellSuppression.Withheld> before = List.of(new SmallCellSuppression.Withheld("referrals-sent", "A", JAN, JUN),
        new SmallCellSuppression.Withheld("referrals-sent", "C", JAN, JUN));

    Result again = TEN.suppress("referrals-sent", JAN, JUN, cells("total", 32, "A", 14, "B", 16, "C", 2),
        List.of(new Sum("total", List.of("A", "B", "C"))), ledger, before);

    assertThat(again.withheld()).as("released now, A would give C away as 33 - 17 - 14")
        .containsEntry("A", Reason.DIFFERENCING).containsEntry("C", Reason.SMALL_COUNT);
    assertThat(again.released()).doesNotContainKeys("A", "C");
  }

  @Test
  void whenAMonthWasWithheldThenAQuarterThatItsOtherMonthsWouldLeaveItUncoveredIsWithheld() {
    LocalDate feb = LocalDate.of(2026, 2, 1);
    LocalDate mar = LocalDate.of(2026, 3, 1);
    List<Released> ledger = List.of(new Released("referrals-sent", "nsp", feb, LocalDate.of(2026, 2, 28), 20),
        new Released("referrals-sent", "nsp", mar, LocalDate.of(2026, 3, 31), 22));
    List<SmallCellSuppression.Withheld> january = List.of(
        new SmallCellSuppression.Withheld("referrals-sent", "nsp", JAN, LocalDate.of(2026, 1, 31)));

    Result quarter = TEN.suppress("referrals-sent", JAN, LocalDate.of(2026, 3, 31), cells("nsp", 57), List.of(), ledger,
        january);
    Result withoutMarch = TEN.suppress("referrals-sent", JAN, LocalDate.of(2026, 3, 31), cells("nsp", 57), List.of(),
        ledger.subList(0, 1), january);

    assertThat(quarter.withheld()).as("57 - 20 - 22 would be January's 15, withheld").containsEntry("nsp", Reason.DIFFERENCING);
    assertThat(withoutMarch.withheld()).as("with March unknown the quarter leaves two months, not January alone").isEmpty();
  }

  @Test
  void whenTheEarlierReportIsOfAnotherMeasureOrAnUnrelatedPeriodThenItChangesNothing() {
    List<Released> ledger = List.of(new Released("referrals-accepted", "total", JAN, JUN, 50),
        new Released("referrals-sent", "total", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 9, 30), 51));

    Result result = TEN.suppress("referrals-sent", JAN, JUL, cells("total", 53), List.of(), ledger);

    assertThat(result.withheld()).isEmpty();
  }

  @Test
  void whenTheComplementWasReleasedForThisPeriodAlreadyThenAnotherIsChosen() {
    List<Released> ledger = List.of(new Released("referrals-sent", "50+", JAN, JUN, 25));

    Result result = TEN.suppress("referrals-sent", JAN, JUN, cells("total", 88, "15-24", 3, "25-49", 60, "50+", 25),
        List.of(new Sum("total", List.of("15-24", "25-49", "50+"))), ledger);

    assertThat(result.withheld()).containsExactly(Map.entry("15-24", Reason.SMALL_COUNT), Map.entry("25-49", Reason.COMPLEMENTARY));
  }

  private static Map<String, Long> cells(Object... keysAndCounts) {
    Map<String, Long> cells = new LinkedHashMap<>();
    for (int i = 0; i < keysAndCounts.length; i += 2) {
      cells.put((String) keysAndCounts[i], ((Integer) keysAndCounts[i + 1]).longValue());
    }
    return cells;
  }
}
