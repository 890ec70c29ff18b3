package org.passagegateway.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.AccessTokens;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RawHttp.Response;
import org.passagegateway.testdata.NetworkBuilders;

/**
 * Inputs a probing client sends beside the paths the API was built for: bad paging values, a
 * malformed date, conditional reads, XML, characters Tomcat rejects, values a message could
 * repeat. Each gets the right status and a Passage OperationOutcome, never a 500, never HTML,
 * never the value sent.
 */
class HostileInputTest extends H2GatewayTest {

  private static final FhirContext FHIR = FhirContext.forR4Cached();

  @Test
  void whenPagingValuesAreNegativeOrNotNumbersThenBadRequestNamingTheParameter() {
    for (String query : List.of("_count=-1", "_offset=-5", "_count=abc", "_offset=1x", "_count=99999999999")) {
      Response response = http().get("/fhir/Task?" + query);
      assertThat(response.status()).as(query).isEqualTo(400);
      assertThat(response.passageCode()).as(query).isEqualTo("PASSAGE-1009");
      String diagnostics = response.outcome().getIssueFirstRep().getDiagnostics();
      assertThat(diagnostics.substring("PASSAGE-1009: ".length())).as(query)
          .contains(query.substring(0, query.indexOf('='))).doesNotContain(query.substring(query.indexOf('=') + 1));
    }
  }

  @Test
  void whenASearchDateIsMalformedThenBadRequestSayingSoWithoutRepeatingIt() {
    Response response = http().get("/fhir/Task?authored-on=yesterday-ish");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.passageCode()).isEqualTo("PASSAGE-1009");
    assertThat(response.outcome().getIssueFirstRep().getDiagnostics()).contains("search parameter")
        .doesNotContain("Malformed request body").doesNotContain("yesterday-ish");
  }

  @Test
  void whenIfNoneMatchNamesTheCurrentVersionThenNotModified() {
    Response read = http().get("/fhir/Organization/hr-1");
    String etag = read.header("ETag");

    Response again = http().send("GET", "/fhir/Organization/hr-1", null, null, "If-None-Match", etag);

    assertThat(etag).startsWith("W/\"");
    assertThat(again.status()).isEqualTo(304);
    assertThat(http().send("GET", "/fhir/Organization/hr-1", null, null, "If-None-Match", "W/\"999\"").status())
        .isEqualTo(200);
  }

  @Test
  void whenAValidClientIsSentAsXmlThenItIsStoredAsJsonWouldBe() {
    Patient client = NetworkBuilders.client(null, newPseudonym(), 1991);

    Response created = http().send("POST", "/fhir/Patient", "application/fhir+xml",
        FHIR.newXmlParser().encodeResourceToString(client).getBytes(StandardCharsets.UTF_8),
        "Accept", "application/fhir+xml");

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.contentType()).startsWith("application/fhir+xml");
  }

  @Test
  void whenAnErrorIsAskedForInXmlThenTheOperationOutcomeIsXml() {
    Response missing = http().send("GET", "/fhir/Patient/" + UUID.randomUUID(), null, null, "Accept",
        "application/fhir+xml");

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.contentType()).startsWith("application/fhir+xml");
    assertThat(missing.body()).contains("<OperationOutcome").contains("PASSAGE-2001");
  }

  @Test
  void whenTheQueryHoldsCharactersTomcatWouldRejectThenTheAnswerIsStillAnOperationOutcome() throws Exception {
    String token = AccessTokens.cached(anonymousHttp(), port, SITE);
    for (String query : List.of("identifier=a|b", "name={x}", "_id=[1]")) {
      String answer = raw("GET /fhir/Patient?" + query + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
          + token + "\r\nConnection: close\r\n\r\n");
      assertThat(answer).as(query).doesNotContain("<html").doesNotContain("<!doctype").contains("\"resourceType\"");
      assertThat(answer).as(query).doesNotStartWith("HTTP/1.1 5");
    }
  }

  @Test
  void whenTheBodyHoldsAWordOrACodeTheGatewayDoesNotKnowThenTheMessageNeverRepeatsIt() {
    Response bareWord = http().send("POST", "/fhir/Patient", "application/fhir+json",
        "{\"resourceType\":\"Patient\",\"gender\":Nakamura}".getBytes(StandardCharsets.UTF_8));
    Response unknownCode = http().send("POST", "/fhir/Patient", "application/fhir+json",
        "{\"resourceType\":\"Patient\",\"gender\":\"hiv-positive\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(bareWord.status()).isEqualTo(400);
    assertThat(bareWord.passageCode()).isEqualTo("PASSAGE-1001");
    assertThat(bareWord.body()).doesNotContain("Nakamura");
    assertThat(unknownCode.status()).isEqualTo(400);
    assertThat(unknownCode.passageCode()).isEqualTo("PASSAGE-1001");
    assertThat(unknownCode.body()).doesNotContain("hiv-positive");
  }

  @Test
  void whenTomcatRefusesTheRequestLineThenTheAnswerIsAnOperationOutcomeNotAnHtmlPage() throws Exception {
    String badEscape = raw("GET /fhir/%zz/Patient HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    String controlCharacter = raw("GET /fhir/Pat\u0001ient HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

    for (String response : List.of(badEscape, controlCharacter)) {
      assertThat(response).startsWith("HTTP/1.1 400").contains("application/fhir+json").contains("PASSAGE-1009")
          .doesNotContain("<html").doesNotContain("zz").doesNotContain("Pat");
    }
  }

  @Test
  void whenAJsonPatchNamesAnotherTypeThenTheMessageNeverRepeatsIt() {
    Response typeMismatch = httpAs(ADMIN).send("PATCH", "/fhir/Organization/hr-1", "application/json-patch+json",
        "[{\"op\":\"replace\",\"path\":\"/resourceType\",\"value\":\"Qwertz\"}]".getBytes(StandardCharsets.UTF_8));

    assertThat(typeMismatch.status()).as(typeMismatch.body()).isEqualTo(400);
    assertThat(typeMismatch.passageCode()).isEqualTo("PASSAGE-1009");
    assertThat(typeMismatch.body()).doesNotContain("Qwertz");
  }

  @Test
  void whenAWriteEarnsAProfileWarningThenTheOperationOutcomeTheClientAskedForCarriesIt() {
    Patient named = NetworkBuilders.client(null, newPseudonym(), 1991);
    named.addName().setFamily("Nakamura");

    Response created = http().send("POST", "/fhir/Patient", "application/fhir+json",
        FHIR.newJsonParser().encodeResourceToString(named).getBytes(StandardCharsets.UTF_8),
        "Prefer", "return=OperationOutcome");

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.outcome().getIssue()).anySatisfy(issue -> {
      assertThat(issue.getSeverity().toCode()).isEqualTo("warning");
      assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("PASSAGE-2006");
      assertThat(issue.getDiagnostics()).contains("name");
    });
    assertThat(created.body()).doesNotContain("Nakamura");
  }

  private String raw(String request) throws Exception {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void whenAnErrorMessageWouldNameTheRequestsPathOrParametersThenItRepeatsNoneOfThem() {
    Response hasSyntax = http().get("/fhir/HealthcareService?_has:Zq749180=x");
    Response unknownParameter = http().get("/fhir/Organization/hr-1/_history/1?Zq472058=y");
    Response twoOperations = http().get("/fhir/Organization/$Zq173623/$validate");
    Response patchType = http().send("PATCH", "/fhir/Task/task-anc-1", "zq/Zq669173", "[]".getBytes(StandardCharsets.UTF_8));

    assertThat(List.of(hasSyntax.status(), unknownParameter.status(), twoOperations.status(), patchType.status()))
        .containsExactly(400, 400, 400, 415);
    for (Response response : List.of(hasSyntax, unknownParameter, twoOperations, patchType)) {
      assertThat(response.passageCode()).as(response.body()).isIn("PASSAGE-1009", "PASSAGE-1003");
      assertThat(response.body()).doesNotContain("Zq749180").doesNotContain("Zq472058").doesNotContain("Zq173623")
          .doesNotContain("Zq669173");
    }
  }

  @Test
  void whenABodyValueHoldsQuotesThenTheErrorStillDoesNotRepeatIt() {
    Response response = http().send("POST", "/fhir/Patient", "application/fhir+json",
        "{\"resourceType\":\"\\\"Zq476531\\\"\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.passageCode()).isEqualTo("PASSAGE-1004");
    assertThat(response.body()).doesNotContain("Zq476531");
  }

  @Test
  void whenTheQueryIsNotValidlyPercentEncodedThenBadRequest() throws Exception {
    for (String query : List.of("name=abc%", "name=%zz", "x%2=1")) {
      String response = raw("GET /fhir/Patient?" + query + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
      assertThat(response).as(query).startsWith("HTTP/1.1 400").contains("PASSAGE-1009").doesNotContain("abc");
    }
  }

  @Test
  void whenAFormBodyIsNotValidlyPercentEncodedThenBadRequestNotAServerError() {
    Response search = http().send("POST", "/fhir/Patient/_search", "application/x-www-form-urlencoded",
        "name=abc%".getBytes(StandardCharsets.UTF_8));
    Response patch = http().send("PATCH", "/fhir/Patient/client-1", "application/x-www-form-urlencoded",
        "name=abc%".getBytes(StandardCharsets.UTF_8));

    assertThat(search.status()).as(search.body()).isEqualTo(400);
    assertThat(search.passageCode()).isEqualTo("PASSAGE-1009");
    assertThat(patch.status()).as(patch.body()).isEqualTo(415);
    assertThat(patch.passageCode()).isEqualTo("PASSAGE-1003");
  }

  @Test
  void whenTurtleIsAskedForThenTheGatewayAnswersInJsonOrRefusesTheFormat() {
    Response accept = http().send("GET", "/fhir/Organization/hr-1", null, null, "Accept", "application/fhir+turtle");
    Response format = http().get("/fhir/Organization/hr-1?_format=ttl");

    assertThat(accept.status()).isEqualTo(200);
    assertThat(accept.contentType()).startsWith("application/fhir+json");
    assertThat(format.status()).isEqualTo(406);
    assertThat(format.passageCode()).isEqualTo("PASSAGE-1010");
  }

  @Test
  void whenTheMethodIsOneNoEndpointKnowsThenBadRequestAsAnOperationOutcome() {
    for (String method : List.of("PROPFIND", "TRACE", "ZQ")) {
      Response response = http().send(method, "/fhir/Task", null, null);
      assertThat(response.status()).as(method).isEqualTo(400);
      assertThat(response.passageCode()).as(method).isEqualTo("PASSAGE-1009");
    }
  }

  @Test
  void whenAnOperationsParameterIsMissingOrNotANumberThenBadRequest() {
    var auditor = httpAs(AUDITOR);
    for (String path : List.of("/fhir/AuditEvent/$consistency-proof", "/fhir/AuditEvent/$consistency-proof?first=",
        "/fhir/AuditEvent/$consistency-proof?first=-3", "/fhir/AuditEvent/$verify?from=abc",
        "/fhir/CodeSystem/$subsumes", "/fhir/Patient/$validate?profile")) {
      Response response = (path.contains("$subsumes") || path.contains("$validate") ? http() : auditor).get(path);
      assertThat(response.status()).as(path + " " + response.body()).isEqualTo(400);
      assertThat(response.passageCode()).as(path).isEqualTo("PASSAGE-1009");
    }
  }

  @Test
  void whenAValidatorFindingWouldQuoteABodyValueThenTheValueIsNotRepeated() {
    org.hl7.fhir.r4.model.Bundle referral = org.passagegateway.testdata.ReferralTransactions.newClientReferral(newPseudonym(),
        "hr-1", "anc-1", "prenatal-care", "pregnancy-care", java.time.Instant.now());
    referral.getEntry().stream().map(org.hl7.fhir.r4.model.Bundle.BundleEntryComponent::getResource)
        .filter(org.hl7.fhir.r4.model.ServiceRequest.class::isInstance)
        .forEach(resource -> ((org.hl7.fhir.r4.model.ServiceRequest) resource).getPerformer().clear());
    referral.getEntry().stream().map(org.hl7.fhir.r4.model.Bundle.BundleEntryComponent::getResource)
        .filter(org.hl7.fhir.r4.model.ServiceRequest.class::isInstance)
        .forEach(resource -> ((org.hl7.fhir.r4.model.ServiceRequest) resource).addPerformer()
            .setReference("Zq798513' OR '1'='1"));

    Response response = http().send("POST", "/fhir", "application/fhir+json",
        FHIR.newJsonParser().encodeResourceToString(referral).getBytes(StandardCharsets.UTF_8));

    assertThat(response.status()).isEqualTo(422);
    assertThat(response.passageCode()).isEqualTo("PASSAGE-2006");
    assertThat(response.body()).doesNotContain("Zq798513").contains("passage-referral");
  }
}
