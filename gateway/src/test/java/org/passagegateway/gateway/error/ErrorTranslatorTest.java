package org.passagegateway.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

class ErrorTranslatorTest {

  private final ErrorTranslator translator = new ErrorTranslator();

  @Test
  void whenAnUpdateNamesAStaleVersionThenPreconditionFailed() {
    PassageException translated = translator.translate(new ResourceVersionConflictException(
        "HAPI-0550: HAPI-0989: Trying to update Patient/1/_history/1 but this is not the current version"), true, CallerValues.none());

    assertThat(translated.error()).isEqualTo(PassageError.PRECONDITION_FAILED);
    assertThat(translated.getStatusCode()).isEqualTo(412);
  }

  @Test
  void whenTwoWritesCollideOtherwiseThenConflict() {
    PassageException translated = translator.translate(
        new ResourceVersionConflictException("HAPI-0550: could not serialize access"), true, CallerValues.none());

    assertThat(translated.error()).isEqualTo(PassageError.VERSION_CONFLICT);
    assertThat(translated.getStatusCode()).isEqualTo(409);
  }

  @Test
  void whenTheResourceTypeIsUnknownThenTheTypeIsNamedButNotTheServersList() {
    PassageException translated = translator.translate(new ResourceNotFoundException(
        "HAPI-0302: Unknown resource type 'Foo' - Server knows how to handle: [Patient, Task]"), true, CallerValues.none());

    assertThat(translated.error()).isEqualTo(PassageError.UNKNOWN_RESOURCE_TYPE);
    assertThat(translated.getMessage()).contains("'Foo'").doesNotContain("Server knows");
  }

  @Test
  void whenTheBodyDoesNotParseThenMalformedBody() {
    PassageException translated = translator.translate(new InvalidRequestException(
        "HAPI-0450: Failed to parse request body as JSON resource. Error was: HAPI-1861: Unexpected end"), true, CallerValues.none());

    assertThat(translated.error()).isEqualTo(PassageError.MALFORMED_BODY);
    assertThat(translated.getStatusCode()).isEqualTo(400);
  }

  @Test
  void whenTheBodyIsAnotherTypeThenResourceTypeMismatch() {
    PassageException translated = translator.translate(new InvalidRequestException(
        "HAPI-0450: Failed to parse request body as JSON resource. Error was: HAPI-1838: Incorrect resource type found, expected \"Patient\" but found \"Organization\""), true, CallerValues.none());

    assertThat(translated.error()).isEqualTo(PassageError.RESOURCE_TYPE_MISMATCH);
  }

  @Test
  void whenHapiGivesAnOutcomeWithIssuesThenEachIssueKeepsItsExpressionAndGetsTheCode() {
    OperationOutcome validation = new OperationOutcome();
    validation.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
        .setCode(OperationOutcome.IssueType.REQUIRED).setDiagnostics("Patient.identifier: minimum required = 1")
        .addExpression("Patient.identifier");
    UnprocessableEntityException hapi = new UnprocessableEntityException("invalid", validation);

    PassageException translated = translator.translate(hapi, true, CallerValues.none());

    OperationOutcome.OperationOutcomeIssueComponent issue = translated.getOperationOutcome().getIssueFirstRep();
    assertThat(translated.getStatusCode()).isEqualTo(422);
    assertThat(issue.getExpression().get(0).getValue()).isEqualTo("Patient.identifier");
    assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.REQUIRED);
    assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("PASSAGE-2005");
    assertThat(issue.getDiagnostics()).startsWith("PASSAGE-2005: Patient.identifier");
  }

  @Test
  void whenSomethingUnexpectedFailsThenInternalErrorWithAReferenceAndNoDetail() {
    PassageException translated = translator.translate(new IllegalStateException("client PSN-1234 broke it"), true, CallerValues.none());

    assertThat(translated.getStatusCode()).isEqualTo(500);
    assertThat(translated.getMessage()).doesNotContain("PSN-1234").contains("reference");
  }

  @Test
  void whenAParserErrorEscapesAloneThenMalformedBody() {
    assertThat(translator.translate(new DataFormatException("bad"), true, CallerValues.none()).error()).isEqualTo(PassageError.MALFORMED_BODY);
  }
}
