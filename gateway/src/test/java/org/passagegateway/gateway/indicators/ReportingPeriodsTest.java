package org.passagegateway.gateway.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportingPeriodsTest {

  @ParameterizedTest(name = "{0}..{1}: {2}")
  @CsvSource({
      "2026-01-01, 2026-01-31, true", "2026-02-01, 2026-02-28, true", "2024-02-01, 2024-02-29, true",
      "2026-04-01, 2026-06-30, true", "2026-07-01, 2026-12-31, true", "2026-01-01, 2026-12-31, true",
      "2026-02-01, 2026-04-30, false", "2026-04-01, 2026-09-30, false", "2026-07-01, 2027-06-30, false",
      "2026-01-01, 2026-02-28, false", "2026-01-02, 2026-01-31, false", "2026-01-01, 2026-01-30, false",
      "2026-03-01, 2026-01-31, false", "2025-01-01, 2026-12-31, false"})
  void whenAPeriodIsAskedForThenOnlyACalendarMonthQuarterHalfYearOrYearIsAllowed(LocalDate start, LocalDate end,
      boolean aligned) {
    assertThat(ReportingPeriods.aligned(start, end)).isEqualTo(aligned);
  }
}
