package org.passagegateway.gateway.indicators;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.StringType;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.gateway.security.Callers;

/**
 * {@code Measure/[id]/$evaluate-measure} (FHIR R4 clinical reasoning) for the referral indicators:
 * a summary MeasureReport of the whole network for {@code periodStart}..{@code periodEnd}
 * (dates, both inclusive, spanning a calendar month, quarter, half-year or year: {@link
 * ReportingPeriods}), suppressed and audited by {@link MeasureEvaluation}. Who may ask is
 * decided by the authorization rules (the permission to read MeasureReports: auditors); a measure
 * that is not one of the referral indicators answers as a Measure that does not exist. Reports
 * about one client or a list of clients do not exist here.
 */
final class EvaluateMeasureOperation {

  private static final String POPULATION = "population";

  private final MeasureEvaluation evaluation;

  EvaluateMeasureOperation(MeasureEvaluation evaluation) {
    this.evaluation = evaluation;
  }

  @Operation(name = "$evaluate-measure", type = Measure.class, idempotent = true)
  public MeasureReport evaluateMeasure(@IdParam IdType id,
      @OperationParam(name = "periodStart", min = 1, max = 1) StringType periodStart,
      @OperationParam(name = "periodEnd", min = 1, max = 1) StringType periodEnd,
      @OperationParam(name = "reportType", max = 1) StringType reportType,
      @OperationParam(name = "subject", max = 1) StringType subject,
      @OperationParam(name = "practitioner", max = 1) StringType practitioner,
      @OperationParam(name = "lastReceivedOn", max = 1) StringType lastReceivedOn,
      RequestDetails request) {
    var caller = Callers.require(request);
    IndicatorMeasure measure = IndicatorMeasures.byId(id.getIdPart())
        .orElseThrow(() -> PassageError.RESOURCE_NOT_FOUND.exception());
    if (subject != null || practitioner != null || (reportType != null && !POPULATION.equals(reportType.getValue()))) {
      throw PassageError.SUBJECT_NOT_ALLOWED.exception();
    }
    LocalDate start = date(periodStart);
    LocalDate end = date(periodEnd);
    if (!ReportingPeriods.aligned(start, end)) {
      throw PassageError.PERIOD_INVALID.exception();
    }
    return evaluation.evaluate(measure, start, end, caller);
  }

  private static LocalDate date(StringType value) {
    try {
      return LocalDate.parse(value == null ? "" : value.getValue() == null ? "" : value.getValue());
    } catch (DateTimeParseException unreadable) {
      throw PassageError.PERIOD_INVALID.exception();
    }
  }
}
