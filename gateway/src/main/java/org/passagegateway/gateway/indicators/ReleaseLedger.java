package org.passagegateway.gateway.indicators;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.passagegateway.gateway.indicators.SmallCellSuppression.Released;
import org.passagegateway.gateway.indicators.SmallCellSuppression.Withheld;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger of what indicator reports released ({@code psg_indicator_release}): read before a
 * report is suppressed, written with what it released, so that no two reports together give away
 * a count either withheld. Every different count released for a cell and period is kept (the same
 * period evaluated later may count more); the same count released again is recorded once.
 */
public final class ReleaseLedger {

  private final JdbcTemplate jdbc;

  public ReleaseLedger(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Every count released for the measure, over any period, oldest first. */
  public List<Released> releasedFor(String measure) {
    return jdbc.query("select cell, period_start, period_end, released_count from psg_indicator_release where measure = ?"
        + " and withheld = false order by released_at",
        (row, i) -> new Released(measure, row.getString(1), row.getDate(2).toLocalDate(), row.getDate(3).toLocalDate(),
            row.getLong(4)), measure);
  }

  /** Every cell a report of the measure withheld, with its period. */
  public List<Withheld> withheldFor(String measure) {
    return jdbc.query("select distinct cell, period_start, period_end from psg_indicator_release where measure = ?"
        + " and withheld = true", (row, i) -> new Withheld(measure, row.getString(1), row.getDate(2).toLocalDate(),
        row.getDate(3).toLocalDate()), measure);
  }

  /** Records the cells a report withheld (with their counts, which never leave the gateway). */
  public void recordWithheld(String measure, LocalDate start, LocalDate end, java.util.Set<String> withheld,
      Map<String, Long> counts, Instant at) {
    for (String cell : withheld) {
      long count = counts.getOrDefault(cell, 0L);
      jdbc.update("insert into psg_indicator_release (measure, cell, period_start, period_end, released_count, released_at,"
          + " withheld) select ?, ?, ?, ?, ?, ?, true where not exists (select 1 from psg_indicator_release where measure = ?"
          + " and cell = ? and period_start = ? and period_end = ? and released_count = ? and withheld = true)", measure, cell,
          Date.valueOf(start), Date.valueOf(end), count, Timestamp.from(at), measure, cell, Date.valueOf(start),
          Date.valueOf(end), count);
    }
  }

  /** Records what a report released. */
  public void record(String measure, LocalDate start, LocalDate end, Map<String, Long> released, Instant at) {
    released.forEach((cell, count) -> jdbc.update("insert into psg_indicator_release (measure, cell, period_start,"
        + " period_end, released_count, released_at) select ?, ?, ?, ?, ?, ? where not exists (select 1 from"
        + " psg_indicator_release where measure = ? and cell = ? and period_start = ? and period_end = ?"
        + " and released_count = ? and withheld = false)", measure, cell, Date.valueOf(start), Date.valueOf(end), count, Timestamp.from(at),
        measure, cell, Date.valueOf(start), Date.valueOf(end), count));
  }
}
