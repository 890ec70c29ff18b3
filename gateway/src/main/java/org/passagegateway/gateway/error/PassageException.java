package org.passagegateway.gateway.error;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * A HAPI server exception whose status and OperationOutcome come from a {@link PassageError}.
 * HAPI's exception handling writes the OperationOutcome as the response body.
 */
public final class PassageException extends BaseServerResponseException {

  private final transient PassageError error;

  PassageException(PassageError error, String message) {
    this(error, OperationOutcomes.of(error, message));
  }

  PassageException(PassageError error, OperationOutcome outcome) {
    super(error.httpStatus(), outcome.getIssueFirstRep().getDiagnostics());
    this.error = error;
    setOperationOutcome(outcome);
    if (error.httpStatus() == 503) {
      addResponseHeader("Retry-After", Integer.toString(PassageError.RETRY_AFTER_SECONDS));
    }
  }

  public PassageError error() {
    return error;
  }

  @Override
  public OperationOutcome getOperationOutcome() {
    return (OperationOutcome) super.getOperationOutcome();
  }
}
