package org.passagegateway.gateway.indicators;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The periods indicators are reported for: a calendar month, quarter, half-year or year, as DHIS2's
 * period types. Any two such periods are nested or apart, never partly overlapping, so the ledger
 * of released counts can tell every difference two or more reports would give away ({@link
 * SmallCellSuppression}); a rolling or arbitrary period could not be checked that way.
 */
final class ReportingPeriods {

  private ReportingPeriods() {}

  static boolean aligned(LocalDate start, LocalDate end) {
    if (start.getDayOfMonth() != 1 || !end.equals(end.withDayOfMonth(end.lengthOfMonth())) || end.isBefore(start)) {
      return false;
    }
    long months = ChronoUnit.MONTHS.between(start, end.plusDays(1));
    int startMonth = start.getMonthValue();
    return months == 1 || (months == 3 && (startMonth - 1) % 3 == 0) || (months == 6 && (startMonth - 1) % 6 == 0)
        || (months == 12 && startMonth == 1);
  }
}
