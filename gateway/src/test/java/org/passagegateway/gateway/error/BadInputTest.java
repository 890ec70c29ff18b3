package org.passagegateway.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passagegateway.terminology.PassageTerminology.CLIENT_PSEUDONYM;
import static org.passagegateway.terminology.PassageTerminology.SITE_CODE;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.AccessTokens;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RawHttp.Response;
import org.passagegateway.testdata.NetworkBuilders;

/** Bad requests get a specific OperationOutcome, the right status, a Passage code — and write nothing. */
class BadInputTest extends H2GatewayTest {

  private static final String FHIR_JSON = "application/fhir+json";
  private static final FhirContext FHIR = FhirContext.forR4Cached();

  @Test
  void whenTheBodyIsMalformedJsonThenBadRequestAndNothingIsWritten() {
    String pseudonym = newPseudonym();
    String truncated = clientJson(pseudonym).substring(0, 60);

    Response response = http().send("POST", "/fhir/Patient", FHIR_JSON, bytes(truncated));

    assertError(response, 400, "PASSAGE-1001");
    assertThat(response.outcome().getIssueFirstRep().getDetails().getText())
        .startsWith("The request body is not a valid FHIR resource");
    assertThat(clientsWithPseudonym(pseudonym)).isZero();
  }

  @Test
  void whenTheBodyHasAnUnknownElementThenBadRequestWithoutRepeatingItsNameAndNothingIsWritten() {
    String pseudonym = newPseudonym();
    String json = clientJson(pseudonym).replaceFirst("\\{", "{\"favouriteColour\":\"green\",");

    Response response = http().send("POST", "/fhir/Patient", FHIR_JSON, bytes(json));

    assertError(response, 400, "PASSAGE-1001");
    // The element's name is the caller's own text, which could hold anything: the message says what, not which.
    assertThat(response.outcome().getIssueFirstRep().getDiagnostics()).contains("Unknown element")
        .doesNotContain("favouriteColour").doesNotContain("green");
    assertThat(clientsWithPseudonym(pseudonym)).isZero();
  }

  @Test
  void whenAValueIsInvalidThenTheErrorNamesTheElementButNeverRepeatsTheValue() {
    String pseudonym = newPseudonym();
    String json = clientJson(pseudonym).replace("\"birthDate\":\"1990\"", "\"birthDate\":\"1990-13-45\"");

    Response response = http().send("POST", "/fhir/Patient", FHIR_JSON, bytes(json));

    assertError(response, 400, "PASSAGE-1001");
    assertThat(response.body()).doesNotContain("1990-13-45");
    assertThat(clientsWithPseudonym(pseudonym)).isZero();
  }

  @Test
  void whenTheBodyIsAnotherResourceTypeThanTheUrlThenBadRequestAndNothingIsWritten() {
    String siteCode = "site-" + UUID.randomUUID();
    Organization site = NetworkBuilders.site(null, "Northside Drop-in", "drop-in-centre");
    site.getIdentifierFirstRep().setValue(siteCode);
    String json = FHIR.newJsonParser().encodeResourceToString(site);

    Response create = http().send("POST", "/fhir/Patient", FHIR_JSON, bytes(json));
    site.setId("mismatch-" + UUID.randomUUID().toString().substring(0, 8));
    Response update = http().send("PUT", "/fhir/Patient/" + site.getIdElement().getIdPart(), FHIR_JSON,
        bytes(FHIR.newJsonParser().encodeResourceToString(site)));

    assertError(create, 400, "PASSAGE-1004");
    assertError(update, 400, "PASSAGE-1004");
    assertThat(http().get("/fhir/Patient/" + site.getIdElement().getIdPart()).status()).isEqualTo(404);
    assertThat(count("Organization?identifier=" + SITE_CODE + "|" + siteCode)).isZero();
  }

  @Test
  void whenAHealthPathThatDoesNotExistIsAskedForThenItIsAnUnknownEndpointLikeAnyOther() {
    var unknown = anonymousHttp().get("/actuator/health/_history?_tag=client-1");
    var known = anonymousHttp().get("/actuator/health/readiness");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.passageCode()).isEqualTo("PASSAGE-1006");
    assertThat(unknown.body()).doesNotContain("client-1", "_history");
    assertThat(known.status()).isEqualTo(200);
    assertThat(known.body()).contains("UP");
  }

  @Test
  void whenAResourceIdIsNotAFhirIdThenBadRequestWithoutRepeatingItAndNothingIsWritten() {
    String body = "{\"resourceType\":\"Endpoint\",\"id\":\"ep\u00e9\"}";
    var put = httpAs(ADMIN).send("PUT", "/fhir/Endpoint/ep%C3%A9", "application/fhir+json",
        body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    var read = http().get("/fhir/Patient/client%E2%80%931");

    assertThat(put.status()).isEqualTo(400);
    assertThat(put.passageCode()).isEqualTo("PASSAGE-1009");
    assertThat(put.body()).doesNotContain("ep\u00e9", "ep%C3%A9");
    assertThat(read.status()).isEqualTo(400);
    assertThat(read.passageCode()).isEqualTo("PASSAGE-1009");

    String transaction = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"fullUrl\":\"Endpoint/ep\u00e9\","
        + "\"resource\":{\"resourceType\":\"Endpoint\",\"id\":\"ep\u00e9\"},\"request\":{\"method\":\"PUT\",\"url\":\"Endpoint/ep\u00e9\"}}]}";
    var entry = httpAs(ADMIN).send("POST", "/fhir", "application/fhir+json",
        transaction.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(entry.status()).isEqualTo(400);
    assertThat(entry.passageCode()).isEqualTo("PASSAGE-1009");
    assertThat(entry.outcome().getIssueFirstRep().getDiagnostics()).contains("Bundle.entry[0].request.url")
        .doesNotContain("ep\u00e9");
  }

  @Test
  void whenTheResourceTypeIsUnknownThenNotFound() {
    assertError(http().get("/fhir/Foo"), 404, "PASSAGE-1005");
  }

  @Test
  void whenTheResourceTypeIsFhirButNotPassagesThenNotFoundAndNothingIsWritten() {
    String json = "{\"resourceType\":\"Medication\",\"status\":\"active\"}";

    Response response = http().send("POST", "/fhir/Medication", FHIR_JSON, bytes(json));

    assertError(response, 404, "PASSAGE-1005");
    assertThat(response.outcome().getIssueFirstRep().getDetails().getText()).contains("Medication");
  }

  @Test
  void whenTheDeclaredBodyIsOverTheLimitThenPayloadTooLargeBeforeAnyOfItIsSent() throws Exception {
    // Raw HTTP/1.1 so the test controls exactly what is sent: headers declaring 6 MB and asking
    // "Expect: 100-continue", then nothing. The gateway must answer 413 without a 100 first.
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      String head = "POST /fhir/Patient HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + FHIR_JSON
          + "\r\nContent-Length: " + (6 * 1024 * 1024) + "\r\nExpect: 100-continue\r\n\r\n";
      socket.getOutputStream().write(bytes(head));
      socket.getOutputStream().flush();

      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(answer).startsWith("HTTP/1.1 413").doesNotContain("100 Continue");
      assertThat(answer).contains("\"code\":\"PASSAGE-1002\"").contains("5242880 bytes at most");
    }
  }

  @Test
  void whenAChunkedBodyGrowsOverTheLimitThenPayloadTooLargeAndNothingIsWritten() throws Exception {
    String pseudonym = newPseudonym();
    byte[] huge = oversizedClient(pseudonym);
    HttpRequest chunked = HttpRequest.newBuilder(URI.create(fhirBase() + "/Patient"))
        .header("Content-Type", FHIR_JSON)
        .header("Authorization", "Bearer " + AccessTokens.cached(anonymousHttp(), port, SITE))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))
        .build();

    HttpResponse<String> response = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("PASSAGE-1002");
    assertThat(clientsWithPseudonym(pseudonym)).isZero();
  }

  @Test
  void whenTheContentTypeIsNotFhirThenUnsupportedMediaTypeAndNothingIsWritten() {
    String pseudonym = newPseudonym();

    Response response = http().send("POST", "/fhir/Patient", "text/plain", bytes(clientJson(pseudonym)));

    assertError(response, 415, "PASSAGE-1003");
    assertThat(clientsWithPseudonym(pseudonym)).isZero();
  }

  @Test
  void whenOnlyRdfIsAcceptableThenNotAcceptable() {
    assertError(http().get("/fhir/Organization?_format=ttl"), 406, "PASSAGE-1010");
    assertError(http().get("/fhir/Organization/hr-1?_format=text/turtle"), 406, "PASSAGE-1010");
  }

  @Test
  void whenThePathIsOutsideTheApiThenTheDoorRefusesItAsAnOperationOutcome() {
    Response response = http().get("/no/such/page");

    assertError(response, 403, "PASSAGE-3002");
    assertThat(response.contentType()).startsWith("application/fhir+json");
    assertError(http().get("/error"), 403, "PASSAGE-3002");
  }

  @Test
  void whenADeclaredSpringEndpointIsCalledWithAMethodItDoesNotTakeThenMethodNotAllowedAsAnOperationOutcome() {
    Response response = httpAs(ADMIN).send("DELETE", "/admin/clients/demo-site-hr-1", null, new byte[0]);

    assertError(response, 405, "PASSAGE-1007");
  }

  @Test
  void whenASystemOperationPassageDoesNotOfferIsCalledThenItIsRefused() {
    Response counts = http().get("/fhir/$get-resource-counts");
    Response expunge = http().send("POST", "/fhir/$expunge", FHIR_JSON,
        bytes("{\"resourceType\":\"Parameters\"}"));

    assertThat(counts.status()).isIn(400, 404);
    assertThat(counts.body()).doesNotContain("\"Patient\"").contains("PASSAGE-");
    assertThat(expunge.status()).isIn(400, 404);
    assertThat(expunge.body()).contains("PASSAGE-");
  }

  private static void assertError(Response response, int status, String code) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).contains("fhir+json");
    assertThat(response.outcome().getIssueFirstRep().getSeverity().toCode()).isEqualTo("error");
    assertThat(response.passageCode()).isEqualTo(code);
    assertThat(response.outcome().getIssueFirstRep().getDiagnostics()).startsWith(code + ": ");
  }

  private static String clientJson(String pseudonym) {
    Patient client = NetworkBuilders.client(null, pseudonym, 1990);
    return FHIR.newJsonParser().encodeResourceToString(client);
  }

  private static byte[] oversizedClient(String pseudonym) {
    Patient client = NetworkBuilders.client(null, pseudonym, 1990);
    char[] filler = new char[6 * 1024 * 1024];
    Arrays.fill(filler, 'x');
    client.addName().setText(new String(filler));
    return bytes(FHIR.newJsonParser().encodeResourceToString(client));
  }

  private int clientsWithPseudonym(String pseudonym) {
    return count("Patient?identifier=" + CLIENT_PSEUDONYM + "|" + pseudonym);
  }

  private int count(String search) {
    Bundle bundle = fhir().search().byUrl(search).returnBundle(Bundle.class).execute();
    return bundle.getEntry().size();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
