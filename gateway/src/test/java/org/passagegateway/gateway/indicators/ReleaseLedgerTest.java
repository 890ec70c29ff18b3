package org.passagegateway.gateway.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.indicators.SmallCellSuppression.Reason;
import org.passagegateway.gateway.indicators.SmallCellSuppression.Result;
import org.passagegateway.gateway.indicators.SmallCellSuppression.Sum;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Two reports over nested periods, the second suppressed against what the first released, through the database. */
class ReleaseLedgerTest extends H2GatewayTest {

  @Autowired JdbcTemplate jdbc;

  @Test
  void whenASecondReportWouldRevealASmallCountByDifferenceThenTheLedgerMakesItWithheld() {
    ReleaseLedger ledger = new ReleaseLedger(jdbc);
    SmallCellSuppression suppression = new SmallCellSuppression(10);
    String measure = "referrals-sent-" + UUID.randomUUID();
    LocalDate jan = LocalDate.of(2026, 1, 1);
    List<Sum> sums = List.of(new Sum("total", List.of("F", "M")));

    Result first = suppression.suppress(measure, jan, LocalDate.of(2026, 6, 30), Map.of("total", 60L, "F", 40L, "M", 20L),
        sums, ledger.releasedFor(measure));
    ledger.record(measure, jan, LocalDate.of(2026, 6, 30), first.released(), Instant.now());
    Result second = suppression.suppress(measure, jan, LocalDate.of(2026, 7, 31), Map.of("total", 63L, "F", 43L, "M", 20L),
        sums, ledger.releasedFor(measure));

    assertThat(first.withheld()).isEmpty();
    assertThat(ledger.releasedFor(measure)).hasSize(3);
    assertThat(second.withheld()).containsEntry("total", Reason.DIFFERENCING).containsEntry("F", Reason.DIFFERENCING);
    assertThat(second.released()).doesNotContainKeys("total", "F");
    assertThat(jdbc.queryForList("select cell from psg_indicator_release where measure = ?", String.class, measure))
        .as("counts only: no client, pseudonym or resource").containsExactlyInAnyOrder("total", "F", "M");
  }
}
