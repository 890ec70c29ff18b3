package org.passagegateway.gateway.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RawHttp.Response;
import org.passagegateway.testdata.NetworkBuilders;
import org.springframework.beans.factory.annotation.Autowired;

/** One active consent per client and custodian; revocation by the custodian; a consent no longer active stays so. */
class ConsentLifecycleTest extends H2GatewayTest {

  @Autowired ConsentStore store;
  @Autowired DaoRegistry daos;

  @Test
  void whenANewConsentIsRecordedThenTheCustodiansPreviousOneBecomesInactiveAndTheNewOneGoverns() {
    String client = newClient();
    String first = record(NetworkBuilders.consent(null, client, "hr-1", List.of("anc-1"), List.of(), Instant.now()));
    String second = record(NetworkBuilders.consent(null, client, "hr-1", List.of("tb-1"), List.of("ETH"), Instant.now()));

    assertThat(read(first).getStatus()).isEqualTo(Consent.ConsentState.INACTIVE);
    assertThat(read(second).getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
    assertThat(store.active(client, "hr-1")).get().satisfies(policy -> {
      assertThat(policy.reference()).startsWith("Consent/" + second + "/_history/");
      assertThat(policy.root().recipients()).containsExactly("tb-1");
    });
  }

  @Test
  void whenARevokedConsentIsMadeActiveAgainThenRefusedAndItStaysInactive() {
    String client = newClient();
    String id = record(NetworkBuilders.consent(null, client, "hr-1", List.of("anc-1"), List.of(), Instant.now()));
    Consent revoked = read(id).setStatus(Consent.ConsentState.INACTIVE);
    fhir().update().resource(revoked).execute();
    assertThat(store.active(client, "hr-1")).isEmpty();

    Consent again = read(id).setStatus(Consent.ConsentState.ACTIVE);
    assertRefused(() -> fhir().update().resource(again).execute());
    Bundle asTransaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    asTransaction.addEntry().setFullUrl("Consent/" + id).setResource(read(id).setStatus(Consent.ConsentState.ACTIVE)).getRequest()
        .setMethod(Bundle.HTTPVerb.PUT).setUrl("Consent/" + id);
    assertRefused(() -> fhir().transaction().withBundle(asTransaction).execute());

    assertThat(read(id).getStatus()).isEqualTo(Consent.ConsentState.INACTIVE);
    assertThat(store.active(client, "hr-1")).isEmpty();
  }

  @Test
  void whenTheCustodianRevokesThenTheConsentIsInactiveAndGovernsNothingFromTheNextRequest() {
    String client = newClient();
    String id = record(NetworkBuilders.consent(null, client, "hr-1", List.of("anc-1"), List.of(), Instant.now()));
    assertThat(store.active(client, "hr-1")).isPresent();

    Consent revoked = fhir().operation().onInstance(new IdType("Consent", id)).named("$revoke").withNoParameters(Parameters.class)
        .returnResourceType(Consent.class).execute();

    assertThat(revoked.getStatus()).isEqualTo(Consent.ConsentState.INACTIVE);
    assertThat(revoked.getMeta().getTag()).isEmpty();
    assertThat(read(id).getStatus()).isEqualTo(Consent.ConsentState.INACTIVE);
    assertThat(store.active(client, "hr-1")).isEmpty();
  }

  @Test
  void whenAnotherSiteRevokesThenTheAnswerIsThatOfAConsentThatDoesNotExist() {
    String client = newClient();
    String id = record(NetworkBuilders.consent(null, client, "hr-1", List.of("anc-1"), List.of(), Instant.now()));

    Response theirs = httpAs("demo-site-anc-1").send("POST", "/fhir/Consent/" + id + "/$revoke", "application/fhir+json",
        "{\"resourceType\":\"Parameters\"}".getBytes(StandardCharsets.UTF_8));
    Response none = httpAs("demo-site-anc-1").send("POST", "/fhir/Consent/no-such-consent/$revoke", "application/fhir+json",
        "{\"resourceType\":\"Parameters\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(theirs.status()).isEqualTo(404);
    assertThat(theirs.body()).isEqualTo(none.body());
    assertThat(read(id).getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
  }

  @Test
  void whenTwoConsentsOfOneCustodianAreActiveThenNeitherGoverns() {
    String client = newClient();
    // Written past the REST interceptors, as only a fault could: the gateway itself prevents this state.
    for (String recipient : List.of("anc-1", "tb-1")) {
      daos.getResourceDao("Consent").create(
          NetworkBuilders.consent(null, client, "hr-1", List.of(recipient), List.of(), Instant.now()),
          new SystemRequestDetails());
    }
    assertThat(store.activeConsents(client, "hr-1")).hasSize(2);
    assertThat(store.active(client, "hr-1")).isEmpty();
  }

  private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
      assertThat(e.getStatusCode()).isEqualTo(422);
      OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
      assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode()).isEqualTo("PASSAGE-5001");
    });
  }

  private String newClient() {
    return fhir().create().resource(NetworkBuilders.client(null, newPseudonym(), 1995)).execute()
        .getId().getIdPart();
  }

  private String record(Consent consent) {
    return fhir().create().resource(consent).execute().getId().getIdPart();
  }

  private Consent read(String id) {
    return fhir().read().resource(Consent.class).withId(id).execute();
  }
}
