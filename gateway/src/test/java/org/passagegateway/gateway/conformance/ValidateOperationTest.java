package org.passagegateway.gateway.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.PackageExamples;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RawHttp.Response;
import org.passagegateway.profiles.PassageProfiles;

/** $validate tells an integration engineer what a write would say, in each of its forms. */
class ValidateOperationTest extends H2GatewayTest {

  @Test
  void whenNoProfileIsNamedThenThePassageProfileOfTheTypeIsApplied() {
    Patient client = PackageExamples.get("Patient/client-1");
    client.getMeta().getProfile().clear();
    client.setBirthDateElement(new DateType("1996-04-17"));

    OperationOutcome outcome = fhir().operation().onType(Patient.class).named("$validate")
        .withParameter(Parameters.class, "resource", client)
        .returnResourceType(OperationOutcome.class).execute();

    assertThat(errors(outcome)).anySatisfy(i -> {
      assertThat(i.getExpression()).extracting(e -> e.getValue()).contains("Patient.birthDate");
      assertThat(i.getDiagnostics()).contains("passage-birth-year");
    });
  }

  @Test
  void whenTheProfileIsNamedAsAUriThenThatProfileIsApplied() {
    Patient client = PackageExamples.get("Patient/client-1");

    OperationOutcome outcome = fhir().operation().onType(Patient.class).named("$validate")
        .withParameter(Parameters.class, "resource", client)
        .andParameter("profile", new UriType(PassageProfiles.CLIENT))
        .returnResourceType(OperationOutcome.class).execute();

    assertThat(errors(outcome)).isEmpty();
  }

  @Test
  void whenTheNamedProfileIsUnknownThenValidateRefusesTheRequest() {
    assertThatThrownBy(() -> fhir().operation().onType(Patient.class).named("$validate")
        .withParameter(Parameters.class, "resource", PackageExamples.get("Patient/client-1"))
        .andParameter("profile", new UriType("http://example.org/StructureDefinition/unknown"))
        .returnResourceType(OperationOutcome.class).execute())
        .isInstanceOfSatisfying(InvalidRequestException.class, e ->
            assertThat(e.getMessage()).contains("PASSAGE-1009").contains("not known to this server"));
  }

  @Test
  void whenAPlainResourceIsPostedToValidateThenItIsValidatedAgainstItsPassageProfileAsItsWriteWouldBe() {
    Response response = http().send("POST", "/fhir/ServiceRequest/$validate", "application/fhir+json",
        ("{\"resourceType\":\"ServiceRequest\",\"status\":\"active\",\"intent\":\"order\","
            + "\"subject\":{\"reference\":\"Patient/client-1\"}}").getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).contains("ServiceRequest.reasonCode").contains(PassageProfiles.REFERRAL)
        .as("the requester a write would fill in from the site's token").doesNotContain("ServiceRequest.requester");
  }

  @Test
  void whenASiteValidatesAResourceNamingAnotherSiteAsItsAuthorThenItIsRefusedAsTheWriteWouldBe() {
    Response response = http().send("POST", "/fhir/ServiceRequest/$validate", "application/fhir+json",
        ("{\"resourceType\":\"ServiceRequest\",\"status\":\"active\",\"intent\":\"order\","
            + "\"subject\":{\"reference\":\"Patient/client-1\"},\"requester\":{\"reference\":\"Organization/tb-1\"}}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.passageCode()).isEqualTo("PASSAGE-3004");
  }

  private static java.util.List<OperationOutcome.OperationOutcomeIssueComponent> errors(OperationOutcome outcome) {
    return outcome.getIssue().stream()
        .filter(i -> i.getSeverity() == IssueSeverity.ERROR || i.getSeverity() == IssueSeverity.FATAL).toList();
  }
}
