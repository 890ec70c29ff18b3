package org.passagegateway.gateway.indicators;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.Semaphore;
import org.hl7.fhir.r4.model.MeasureReport;
import org.passagegateway.gateway.config.ClusterLock;
import org.passagegateway.gateway.error.DatabaseFailures;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.gateway.indicators.IndicatorQueries.Found;
import org.passagegateway.gateway.indicators.SmallCellSuppression.Result;
import org.passagegateway.gateway.security.Caller;

/**
 * Evaluates one indicator for a period: the facts counted in set-based queries, every count
 * suppressed against the threshold, its sums and the ledger of what earlier reports released, what
 * this report releases added to the ledger, the report kept (if configured) and the evaluation
 * audited. Evaluations take turns across nodes, so that two reports released at once are also
 * checked against each other.
 */
final class MeasureEvaluation {

  static final String LOCK = "indicator-release";
  /** The ledger's name for the referral indicators' cells (the ledger's {@code measure} column). */
  static final String LEDGER = "referral-facts";

  private final IndicatorQueries queries;
  private final ReleaseLedger ledger;
  private final SmallCellSuppression suppression;
  private final DaoRegistry daos;
  private final ClusterLock lock;
  private final EvaluationAudit audit;
  private final boolean keepReports;
  private final Clock clock;
  private final Semaphore local = new Semaphore(1);

  MeasureEvaluation(IndicatorQueries queries, ReleaseLedger ledger, IndicatorProperties properties, DaoRegistry daos,
      ClusterLock lock, EvaluationAudit audit, Clock clock) {
    this.queries = queries;
    this.ledger = ledger;
    this.suppression = new SmallCellSuppression(properties.smallCellThreshold());
    this.daos = daos;
    this.lock = lock;
    this.audit = audit;
    this.keepReports = properties.keepReports();
    this.clock = clock;
  }

  MeasureReport evaluate(IndicatorMeasure measure, LocalDate start, LocalDate end, Caller caller) {
    SiteDirectory sites = SiteDirectory.read(daos);
    // One evaluation at a time on this node, so that waiting ones never hold the pool's connections;
    // across nodes the cluster lock (a wait H2 bounds at two seconds) answers 503 when it is busy.
    if (!local.tryAcquire()) {
      throw PassageError.EVALUATION_BUSY.exception();
    }
    MeasureReport report;
    try {
      report = lock.run(LOCK, () -> released(measure, start, end, sites));
    } catch (ClusterLock.NotTaken lockNotTaken) {
      throw DatabaseFailures.unavailable(lockNotTaken)
          ? PassageError.DATABASE_UNAVAILABLE.exception() : PassageError.EVALUATION_BUSY.exception();
    } finally {
      local.release();
    }
    String stored = null;
    if (keepReports) {
      MeasureReport kept = (MeasureReport) daos.getResourceDao(MeasureReport.class).create(report, new SystemRequestDetails())
          .getResource();
      report.setId(kept.getIdElement().toUnqualifiedVersionless());
      report.setMeta(kept.getMeta());
      stored = kept.getIdElement().toUnqualifiedVersionless().getValue();
    }
    audit.evaluated(caller, "Measure/" + measure.id(), stored);
    return report;
  }

  /** Counts, suppresses against the ledger and records what is released and withheld (under the lock). */
  private MeasureReport released(IndicatorMeasure measure, LocalDate start, LocalDate end, SiteDirectory sites) {
    Instant now = clock.instant();
    Found found = queries.evaluate(measure, start, end, sites);
    ReportCells cells = new ReportCells(measure, found);
    // One ledger for every measure: a cell is named by what it counts, so what one measure released or
    // withheld binds every other that counts the same facts.
    Result result = suppression.suppress(LEDGER, start, end, cells.cells(), cells.sums(), ledger.releasedFor(LEDGER),
        ledger.withheldFor(LEDGER));
    ledger.record(LEDGER, start, end, result.released(), now);
    ledger.recordWithheld(LEDGER, start, end, result.withheld().keySet(), cells.cells(), now);
    return IndicatorReports.report(measure, start, end, found, result, now);
  }
}
