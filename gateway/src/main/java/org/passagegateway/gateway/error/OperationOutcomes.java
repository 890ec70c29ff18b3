package org.passagegateway.gateway.error;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

/**
 * Builds every OperationOutcome the gateway sends. Each issue carries the Passage code in
 * {@code details.coding} (system {@value PassageError#CODE_SYSTEM}), the message in {@code
 * details.text}, and "{@code PASSAGE-nnnn: message}" in {@code diagnostics} so that generic FHIR
 * clients show the code in their exception messages.
 *
 * @see <a href="https://hl7.org/fhir/R4/operationoutcome.html">OperationOutcome</a>
 */
public final class OperationOutcomes {

  private OperationOutcomes() {}

  /** An OperationOutcome with one error issue. */
  public static OperationOutcome of(PassageError error, String message) {
    OperationOutcome outcome = new OperationOutcome();
    outcome.addIssue(issue(error, message, IssueSeverity.ERROR, null));
    return outcome;
  }

  /**
   * An issue for the given error; {@code expression} is the FHIRPath of the offending element,
   * or null.
   */
  public static OperationOutcomeIssueComponent issue(
      PassageError error, String message, IssueSeverity severity, String expression) {
    OperationOutcomeIssueComponent issue = new OperationOutcomeIssueComponent();
    issue.setSeverity(severity);
    issue.setCode(error.issueType());
    issue.setDetails(codeOf(error).setText(message));
    issue.setDiagnostics(error.code() + ": " + message);
    if (expression != null) {
      issue.addExpression(expression);
    }
    return issue;
  }

  /**
   * An issue for one finding of HAPI's instance validator: its severity, its sanitized message
   * and, as {@code expression}, the FHIRPath of the element it is about.
   */
  public static OperationOutcomeIssueComponent validationIssue(
      PassageError error, String validatorMessage, IssueSeverity severity, IssueType type, String expression) {
    OperationOutcomeIssueComponent issue =
        issue(error, ErrorMessages.sanitizeValidation(validatorMessage), severity, expression);
    issue.setCode(type);
    return issue;
  }

  /** Stamps the Passage code onto every issue of an OperationOutcome built elsewhere (HAPI). */
  public static OperationOutcome stamp(PassageError error, OperationOutcome outcome) {
    for (OperationOutcomeIssueComponent issue : outcome.getIssue()) {
      String text = issue.hasDiagnostics() ? ErrorMessages.sanitize(issue.getDiagnostics()) : error.title();
      CodeableConcept details = issue.hasDetails() ? issue.getDetails() : new CodeableConcept();
      details.getCoding().add(0, coding(error));
      if (!details.hasText()) {
        details.setText(text);
      }
      issue.setDetails(details);
      issue.setDiagnostics(error.code() + ": " + text);
      if (!issue.hasCode()) {
        issue.setCode(error.issueType());
      }
    }
    return outcome;
  }

  private static CodeableConcept codeOf(PassageError error) {
    return new CodeableConcept(coding(error));
  }

  private static Coding coding(PassageError error) {
    return new Coding(PassageError.CODE_SYSTEM, error.code(), error.title());
  }
}
