package org.passagegateway.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.AccessTokens;
import org.passagegateway.gateway.support.DemoCredentials;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every read or search that shows client data leaves one audit event per client shown, and nothing else does. */
class AuditedReadsTest extends H2GatewayTest {

  private static final String ANC = "demo-site-anc-1";

  @Autowired JdbcTemplate jdbc;

  @Test
  void whenTheCustodianReadsAReferralTaskThenOneReadEventNamesTheClientTheTaskAndTheSite() {
    long before = lastEventId();
    Task task = fhir().read().resource(Task.class).withId("task-anc-1").execute();

    List<AuditEvent> events = eventsAfter(before);
    assertThat(events).singleElement().satisfies(event -> {
      assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("read");
      assertThat(event.getAgentFirstRep().getWho().getReference()).isEqualTo("Organization/hr-1");
      assertThat(event.getEntity()).extracting(e -> e.getWhat().getReference())
          .containsExactly(task.getFor().getReference(), "Task/task-anc-1/_history/" + task.getIdElement().getVersionIdPart());
    });
  }

  @Test
  void whenTheCustodianSearchesItsOutboxThenEachClientShownHasOneQueryEvent() {
    long before = lastEventId();
    Bundle inbox = fhir().search().forResource(Task.class).where(Task.REQUESTER.hasId("Organization/hr-1"))
        .include(Task.INCLUDE_FOCUS).count(50).returnBundle(Bundle.class).execute();
    Set<String> clients = inbox.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
        .filter(Task.class::isInstance).map(r -> ((Task) r).getFor().getReference()).collect(Collectors.toSet());

    List<AuditEvent> events = eventsAfter(before).stream().filter(event -> !isDecision(event)).toList();
    assertThat(clients).isNotEmpty();
    assertThat(events).extracting(e -> e.getEntityFirstRep().getWhat().getReference())
        .containsExactlyInAnyOrderElementsOf(clients);
    assertThat(events).allSatisfy(event -> {
      assertThat(event.getType().getCode()).isEqualTo("110112");
      assertThat(event.getEntity()).hasSize(1);
    });
  }

  @Test
  void whenAReadShowsNothingThenNoEventIsWritten() {
    long before = lastEventId();
    assertThat(httpAs(ANC).get("/fhir/Task/task-tb-1").status()).isEqualTo(404);
    assertThat(httpAs(ANC).get("/fhir/Organization/anc-1").status()).isEqualTo(200);
    assertThat(eventsAfter(before)).isEmpty();
  }

  @Test
  void whenASiteReadsAnotherCustodiansReferralThenTheConsentDecisionIsRecordedWithTheConsentAndTheCategories() {
    long before = lastEventId();
    fhirAs(ANC).read().resource(ServiceRequest.class).withId("sr-anc-1").execute();

    assertThat(eventsAfter(before).stream().filter(AuditedReadsTest::isDecision)).singleElement().satisfies(event -> {
      assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("permit");
      assertThat(event.getAgentFirstRep().getWho().getReference()).isEqualTo("Organization/anc-1");
      assertThat(event.getPurposeOfEventFirstRep().getCodingFirstRep().getCode()).isEqualTo("TREAT");
      assertThat(event.getEntity()).extracting(e -> e.getWhat().getReferenceElement().toUnqualifiedVersionless().getValue())
          .containsExactly("Patient/client-1", "ServiceRequest/sr-anc-1", "Consent/consent-client-1");
      assertThat(event.getEntity().get(1).getSecurityLabel()).extracting(Coding::getCode).containsExactly("SEX");
      assertThat(event.getEntity().get(2).getSecurityLabel()).extracting(Coding::getCode).containsExactly("ETH");
    });
  }

  @Test
  void whenASiteIsRefusedByConsentThenTheDenialIsRecorded() {
    long before = lastEventId();
    assertThat(httpAs(ANC).get("/fhir/Task/task-tb-1").status()).isEqualTo(404);
    assertThat(httpAs("demo-site-tb-1").get("/fhir/Task?_id=task-tb-1").status()).isEqualTo(200);
    String tokenWithoutPurpose = AccessTokens.of(anonymousHttp(), port, DemoCredentials.client("demo-site-tb-1"),
        "system/Task.rs");
    assertThat(httpWithToken(tokenWithoutPurpose).get("/fhir/Task/task-tb-1").status()).isEqualTo(404);

    assertThat(eventsAfter(before).stream().filter(AuditedReadsTest::isDecision))
        .extracting(event -> event.getAgentFirstRep().getWho().getReference() + " " + event.getSubtypeFirstRep().getCode()
            + " " + event.getPurposeOfEvent().size())
        .containsExactly("Organization/tb-1 permit 1", "Organization/tb-1 deny 0");
  }

  @Test
  void whenAnotherSiteSearchesItsInboxThenEachResourceShownIsInItsClientsConsentDecisionAndNoSecondEvent() {
    long before = lastEventId();
    Bundle inbox = fhirAs(ANC).search().forResource(Task.class).where(Task.OWNER.hasId("Organization/anc-1"))
        .include(Task.INCLUDE_FOCUS).count(50).returnBundle(Bundle.class).execute();
    Set<String> shown = inbox.getEntry().stream().map(entry -> entry.getResource().getIdElement()
        .toUnqualifiedVersionless().getValue()).collect(Collectors.toSet());

    List<AuditEvent> events = eventsAfter(before);
    assertThat(shown).isNotEmpty();
    assertThat(events).allSatisfy(event -> assertThat(isDecision(event)).isTrue());
    List<AuditEvent> permits = events.stream().filter(event -> event.getSubtypeFirstRep().getCode().equals("permit")).toList();
    assertThat(permits.stream().flatMap(event -> decidedAbout(event).stream()))
        .containsExactlyInAnyOrderElementsOf(shown);
    assertThat(permits).as("one event per client and consent, naming all her resources shown")
        .extracting(event -> reference(event.getEntityFirstRep()) + " " + reference(event.getEntity().get(event.getEntity().size() - 1)))
        .doesNotHaveDuplicates();
    assertThat(permits).anySatisfy(event -> assertThat(decidedAbout(event)).hasSizeGreaterThan(1));
  }

  /** The resources a consent decision names: between the client, first, and the consent that decided, last. */
  private static List<String> decidedAbout(AuditEvent event) {
    return event.getEntity().subList(1, event.getEntity().size() - 1).stream().map(AuditedReadsTest::reference).toList();
  }

  private static String reference(AuditEvent.AuditEventEntityComponent entity) {
    return entity.getWhat().getReferenceElement().toUnqualifiedVersionless().getValue();
  }

  private static boolean isDecision(AuditEvent event) {
    return "consent-decision".equals(event.getType().getCode());
  }

  private List<AuditEvent> eventsAfter(long id) {
    return jdbc.queryForList("select event from psg_audit_event where id > ? order by id", String.class, id).stream()
        .map(text -> FhirContext.forR4Cached().newJsonParser().parseResource(AuditEvent.class, text)).toList();
  }

  private long lastEventId() {
    Long last = jdbc.queryForObject("select max(id) from psg_audit_event", Long.class);
    return last == null ? 0 : last;
  }
}
