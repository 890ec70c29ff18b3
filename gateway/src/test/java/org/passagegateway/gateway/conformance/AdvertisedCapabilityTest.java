package org.passagegateway.gateway.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.AccessTokens;
import org.passagegateway.gateway.support.DemoCredentials;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RawHttp;
import org.passagegateway.gateway.support.RawHttp.Response;

/**
 * The CapabilityStatement lists exactly what the gateway does: each type it lists can be searched
 * by some role, what it does not list (a delete where no role deletes, type and system history,
 * the operations HAPI offers and the rules refuse, the types no role uses) is refused for every
 * role, and every OperationDefinition it links can be read by whoever reads it.
 */
class AdvertisedCapabilityTest extends H2GatewayTest {

  private static final List<String> ROLES = List.of("site", "auditor", "admin");

  @Test
  void whenATypeIsListedThenSomeRoleSearchesItAndWhatIsNotListedIsRefusedForEveryRole() {
    CapabilityStatement statement = fhir().capabilities().ofType(CapabilityStatement.class).execute();
    CapabilityStatement.CapabilityStatementRestComponent rest = statement.getRestFirstRep();
    assertThat(rest.getOperation()).as("system operations").isEmpty();
    assertThat(rest.getInteraction()).extracting(i -> i.getCode().toCode()).containsExactlyInAnyOrder("transaction", "batch");
    Set<String> listed = rest.getResource().stream().map(CapabilityStatementRestResourceComponent::getType)
        .collect(Collectors.toSet());
    assertThat(listed).doesNotContain("OperationOutcome", "Parameters").contains("Task", "Patient", "AuditEvent");

    Map<String, RawHttp> callers = new LinkedHashMap<>();
    for (String role : ROLES) {
      callers.put(role, withEveryScope(role, listed));
    }
    for (CapabilityStatementRestResourceComponent resource : rest.getResource()) {
      String type = resource.getType();
      Set<TypeRestfulInteraction> interactions = resource.getInteraction().stream()
          .map(CapabilityStatement.ResourceInteractionComponent::getCode).collect(Collectors.toSet());
      assertThat(resource.getConditionalDelete()).as(type).isEqualTo(CapabilityStatement.ConditionalDeleteStatus.NOTSUPPORTED);
      assertThat(interactions).as(type).doesNotContain(TypeRestfulInteraction.HISTORYTYPE);
      if (interactions.contains(TypeRestfulInteraction.SEARCHTYPE)) {
        assertThat(callers.values().stream().map(caller -> caller.get("/fhir/" + type + "?_count=1").status()))
            .as("someone searches " + type).contains(200);
      }
      callers.forEach((role, caller) -> {
        assertRefused(caller.get("/fhir/" + type + "/_history"), role + " history of " + type);
        if (!interactions.contains(TypeRestfulInteraction.DELETE)) {
          assertRefused(caller.send("DELETE", "/fhir/" + type + "/no-such-id", null, null), role + " delete " + type);
        }
      });
    }
    callers.forEach((role, caller) -> {
      assertRefused(caller.get("/fhir/_history"), role + " system history");
      assertRefused(caller.get("/fhir/OperationOutcome?_count=1"), role + " search OperationOutcome");
      assertRefused(caller.get("/fhir/Patient/client-1/$everything"), role + " $everything");
      assertRefused(caller.get("/fhir/$meta"), role + " $meta");
      assertRefused(caller.send("POST", "/fhir/$expunge", "application/fhir+json",
          "{\"resourceType\":\"Parameters\"}".getBytes(StandardCharsets.UTF_8)), role + " $expunge");
    });
  }

  @Test
  void whenTheStatementLinksAnOperationDefinitionThenEveryRoleCanReadIt() {
    CapabilityStatement statement = fhir().capabilities().ofType(CapabilityStatement.class).execute();
    Set<String> definitions = statement.getRestFirstRep().getResource().stream()
        .flatMap(resource -> resource.getOperation().stream()).map(operation -> operation.getDefinition())
        .map(url -> url.substring(url.indexOf("/fhir/"))).collect(Collectors.toSet());

    assertThat(definitions).isNotEmpty();
    for (String definition : definitions) {
      for (String role : List.of(SITE, AUDITOR, ADMIN)) {
        Response read = httpAs(role).get(definition);
        assertThat(read.status()).as(role + " " + definition).isEqualTo(200);
        assertThat(read.body()).contains("\"resourceType\":\"OperationDefinition\"");
      }
    }
  }

  /** A client of the role registered with every scope on every listed type: what the role allows is then its ceiling. */
  private RawHttp withEveryScope(String role, Set<String> types) {
    try {
      String clientId = "capability-" + role + "-" + UUID.randomUUID().toString().substring(0, 8);
      ECKey key = new ECKeyGenerator(Curve.P_384).keyID(clientId + "-key").generate();
      String scope = types.stream().sorted().map(type -> "system/" + type + ".cruds").collect(Collectors.joining(" "));
      String organization = "site".equals(role) ? "\"organization\": \"Organization/hr-1\", " : "";
      Response registered = httpAs(ADMIN).send("PUT", "/admin/clients/" + clientId, "application/json",
          ("{" + organization + "\"role\": \"" + role + "\", \"scope\": \"" + scope + "\", \"jwks\": "
              + new JWKSet(key.toPublicJWK()) + "}").getBytes(StandardCharsets.UTF_8));
      assertThat(registered.status()).as(registered.body()).isEqualTo(200);
      String token = AccessTokens.of(anonymousHttp(), port, new DemoCredentials.Client(clientId,
          "site".equals(role) ? "Organization/hr-1" : null, role, scope, key), scope, "site".equals(role) ? "TREAT" : null);
      return httpWithToken(token);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Refused, as a Passage OperationOutcome: by the access rules (403), or where no handler exists
   * for it at all by HAPI (400 not-supported, 404, 405); never served.
   */
  private static void assertRefused(Response response, String what) {
    assertThat(response.status()).as(what + ": " + response.body()).isIn(400, 403, 404, 405);
    assertThat(response.passageCode()).as(what).isNotNull();
  }
}
