package org.passagegateway.gateway.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RegisteredEndpoints;
import org.passagegateway.terminology.PassageTerminology;
import org.passagegateway.testdata.ReferralTransactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sites subscribe to the Tasks they own or sent; every change is announced to a real HTTP
 * receiver in the test with ids only (or nothing), never the resource; a site cannot subscribe
 * to anything else; a delivery the receiver refuses is retried until it is taken.
 */
class NotificationTest extends H2GatewayTest {

  private static final String ANC = "demo-site-anc-1";
  private static final FhirContext FHIR = FhirContext.forR4Cached();

  @Autowired JdbcTemplate jdbc;

  @Test
  void whenTheOwnerSubscribesThenEachReferralSentToItIsAnnouncedWithItsIdOnly() throws Exception {
    try (NotificationReceiver receiver = NotificationReceiver.start(0)) {
      Subscription subscription = subscribe(ANC, "Task?owner=Organization/anc-1", receiver.endpoint(), true);
      try {
        String pseudonym = newPseudonym();
        String taskId = idOf(fhir().transaction().withBundle(ReferralTransactions.newClientReferral(
            pseudonym, "hr-1", "anc-1", "prenatal-care", "pregnancy-care", Instant.now())).execute(), "Task");

        NotificationReceiver.Received notification = receiver.next();
        assertThat(notification.method()).isEqualTo("POST");
        assertThat(notification.authorization()).isEqualTo("Bearer receiver-secret");
        assertThat(notification.contentType()).startsWith("application/fhir+json");
        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, notification.body());
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.HISTORY);
        Parameters status = (Parameters) bundle.getEntryFirstRep().getResource();
        assertThat(((Reference) status.getParameter("subscription").getValue()).getReference())
            .isEqualTo("Subscription/" + subscription.getIdElement().getIdPart());
        assertThat(((Reference) status.getParameter("notification-event").getPart().stream()
            .filter(p -> p.getName().equals("focus")).findFirst().orElseThrow().getValue()).getReference())
            .isEqualTo("Task/" + taskId);
        assertThat(bundle.getEntry()).extracting(Bundle.BundleEntryComponent::getResource).filteredOn(r -> r != null)
            .hasSize(1);
        assertThat(notification.body()).doesNotContain(pseudonym).doesNotContain("pregnancy-care")
            .doesNotContain("prenatal-care").doesNotContain("Patient/");
      } finally {
        turnOff(ANC, subscription);
      }
    }
  }

  @Test
  void whenTheRequesterSubscribesWithoutPayloadThenTheOwnersAcceptanceIsAnnouncedWithAnEmptyBody() throws Exception {
    try (NotificationReceiver receiver = NotificationReceiver.start(0)) {
      String taskId = idOf(fhir().transaction().withBundle(ReferralTransactions.newClientReferral(
          newPseudonym(), "hr-1", "anc-1", "prenatal-care", "pregnancy-care", Instant.now())).execute(), "Task");
      Subscription subscription = subscribe(SITE, "Task?requester=Organization/hr-1", receiver.endpoint(), false);
      try {
        Task task = fhirAs(ANC).read().resource(Task.class).withId(taskId).execute();
        fhirAs(ANC).update().resource(task.setStatus(Task.TaskStatus.ACCEPTED)).execute();

        NotificationReceiver.Received notification = receiver.next();
        assertThat(notification.method()).isEqualTo("POST");
        assertThat(notification.body()).isEmpty();
      } finally {
        turnOff(SITE, subscription);
      }
    }
  }

  @Test
  void whenTheReceiverIsDownThenTheNotificationIsRetriedUntilItIsTaken() throws Exception {
    try (NotificationReceiver receiver = NotificationReceiver.start(0)) {
      Subscription subscription = subscribe(ANC, "Task?owner=Organization/anc-1", receiver.endpoint(), true);
      try {
        receiver.refuseNext(2);
        String taskId = idOf(fhir().transaction().withBundle(ReferralTransactions.newClientReferral(
            newPseudonym(), "hr-1", "anc-1", "prenatal-care", "pregnancy-care", Instant.now())).execute(), "Task");

        NotificationReceiver.Received first = receiver.next();
        NotificationReceiver.Received second = receiver.next();
        NotificationReceiver.Received third = receiver.next();
        assertThat(first.answered()).isEqualTo(503);
        assertThat(second.answered()).isEqualTo(503);
        assertThat(third.answered()).isEqualTo(200);
        assertThat(event(third)).as("the same notification, retried").isEqualTo(event(first)).contains("Task/" + taskId);
        assertThat(first.notificationId()).as("an id to de-duplicate by, the same on every attempt").isNotBlank()
            .isEqualTo(second.notificationId()).isEqualTo(third.notificationId());
        // The receiver has answered; the gateway records the delivery right after, in its own transaction.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
          Map<String, Object> row = jdbc.queryForMap(
              "select attempts, delivered_at, last_status from psg_notification where subscription_id = ? and focus = ?",
              subscription.getIdElement().getIdPart(), "Task/" + taskId);
          assertThat(row.get("attempts")).isEqualTo(3);
          assertThat(row.get("delivered_at")).isNotNull();
          assertThat(row.get("last_status")).isEqualTo("HTTP 200");
        });
      } finally {
        turnOff(ANC, subscription);
      }
    }
  }

  @Test
  void whenTheClientRevokesHerConsentThenTheOwnersSubscriptionIsToldNothingMoreAboutHerReferral() throws Exception {
    try (NotificationReceiver receiver = NotificationReceiver.start(0)) {
      Subscription subscription = subscribe(ANC, "Task?owner=Organization/anc-1", receiver.endpoint(), true);
      try {
        Bundle sent = fhir().transaction().withBundle(ReferralTransactions.newClientReferral(
            newPseudonym(), "hr-1", "anc-1", "prenatal-care", "pregnancy-care", Instant.now())).execute();
        String taskId = idOf(sent, "Task");
        assertThat(event(receiver.next())).contains("Task/" + taskId);

        fhir().operation().onInstance(new IdType("Consent", idOf(sent, "Consent"))).named("$revoke")
            .withNoParameters(Parameters.class).returnResourceType(Consent.class).execute();
        Task task = fhir().read().resource(Task.class).withId(taskId).execute();
        task.setStatus(Task.TaskStatus.CANCELLED).setStatusReason(new CodeableConcept(new org.hl7.fhir.r4.model.Coding(
            PassageTerminology.CANCELLATION_REASON, "client-withdrew", null)));
        fhir().update().resource(task).execute();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
            "select last_status from psg_notification where subscription_id = ? and focus = ? and delivered_at is not null",
            String.class, subscription.getIdElement().getIdPart(), "Task/" + taskId)).containsExactlyInAnyOrder("HTTP 200", "withheld"));
        assertThat(receiver.waiting()).isZero();
        List<AuditEvent> denies = fhirAs(AUDITOR).search().byUrl("AuditEvent?entity=Task/" + taskId + "&subtype=deny")
            .returnBundle(Bundle.class).execute().getEntry().stream().map(entry -> (AuditEvent) entry.getResource()).toList();
        assertThat(denies).as("the withheld notification is a deny her consent decided").hasSize(1);
        assertThat(denies.get(0).getAgentFirstRep().getWho().getReference()).isEqualTo("Organization/anc-1");
        assertThat(denies.get(0).getAgentFirstRep().getAltId()).isEqualTo(ANC);
      } finally {
        turnOff(ANC, subscription);
      }
    }
  }

  @Test
  void whenASiteSubscribesToAnythingButItsOwnReferralsOrAsksForTheResourceThenUnprocessable() {
    assertRefused(subscription("Task?owner=Organization/tb-1", "https://ehr.example.org/hook", false), "criteria");
    assertRefused(subscription("Patient?identifier=PSN-7Q4K-2M9D", "https://ehr.example.org/hook", false), "criteria");
    assertRefused(subscription("Task?owner=Organization/anc-1&status=requested", "https://ehr.example.org/hook", false), "criteria");
    Subscription fullResource = subscription("Task?owner=Organization/anc-1", "https://ehr.example.org/hook", false);
    fullResource.getChannel().setPayload("application/fhir+json");
    assertRefused(fullResource, "payload");
    Subscription email = subscription("Task?owner=Organization/anc-1", "mailto:clinic@example.org", false);
    email.getChannel().setType(Subscription.SubscriptionChannelType.EMAIL);
    assertRefused(email, "rest-hook");
  }

  @Test
  void whenASiteSubscribesAnEndpointItsOrganizationDidNotRegisterOrSetsHeadersThenUnprocessable() {
    String registered = "https://anc-ehr.example.org/hook/" + UUID.randomUUID();
    RegisteredEndpoints.register(fhirAs(ADMIN), "anc-1", registered, "Authorization: Bearer receiver-secret");

    assertRefused(subscription("Task?owner=Organization/anc-1", "https://evil.example.org/hook", false), "Endpoint");
    assertRefused(subscription("Task?owner=Organization/anc-1", "https://anc-ehr.example.org/hook", false), "Endpoint");
    String othersEndpoint = "https://tb-ehr.example.org/hook/" + UUID.randomUUID();
    RegisteredEndpoints.register(fhirAs(ADMIN), "tb-1", othersEndpoint);
    assertRefused(subscription("Task?owner=Organization/anc-1", othersEndpoint, false), "Endpoint");
    Subscription withHeaders = subscription("Task?owner=Organization/anc-1", registered, false);
    withHeaders.getChannel().addHeader("X-Forwarded-For: 10.0.0.1");
    assertRefused(withHeaders, "header");
    assertThat(fhirAs(ANC).create().resource(subscription("Task?owner=Organization/anc-1", registered, false)).execute()
        .getCreated()).isTrue();
  }

  /** The event number and focus a notification announces. */
  private static String event(NotificationReceiver.Received notification) {
    Parameters status = (Parameters) FHIR.newJsonParser().parseResource(Bundle.class, notification.body())
        .getEntryFirstRep().getResource();
    Parameters.ParametersParameterComponent event = status.getParameter("notification-event");
    return event.getPart().stream().map(p -> p.getName() + "=" + (p.getValue() instanceof Reference r
        ? r.getReference() : p.getValue().primitiveValue())).toList().toString();
  }

  private void assertRefused(Subscription subscription, String message) {
    assertThatThrownBy(() -> fhirAs(ANC).create().resource(subscription).execute())
        .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
          OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
          assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode()).isEqualTo("PASSAGE-4009");
          assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains(message);
        });
  }

  private Subscription subscribe(String client, String criteria, String endpoint, boolean idOnly) {
    RegisteredEndpoints.register(fhirAs(ADMIN), criteria.substring(criteria.indexOf("Organization/") + 13), endpoint,
        "Authorization: Bearer receiver-secret");
    IGenericClient fhir = fhirAs(client);
    String id = fhir.create().resource(subscription(criteria, endpoint, idOnly)).execute().getId().getIdPart();
    Subscription stored = fhir.read().resource(Subscription.class).withId(id).execute();
    assertThat(stored.getStatus()).isEqualTo(Subscription.SubscriptionStatus.ACTIVE);
    return stored;
  }

  private void turnOff(String client, Subscription subscription) {
    fhirAs(client).update().resource(subscription.setStatus(Subscription.SubscriptionStatus.OFF)).execute();
  }

  private static Subscription subscription(String criteria, String endpoint, boolean idOnly) {
    Subscription subscription = new Subscription();
    subscription.setStatus(Subscription.SubscriptionStatus.REQUESTED);
    subscription.setReason("Referral inbox");
    subscription.setCriteria(criteria);
    subscription.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK).setEndpoint(endpoint);
    if (idOnly) {
      subscription.getChannel().setPayload("application/fhir+json").getPayloadElement()
          .addExtension(SubscriptionRules.PAYLOAD_CONTENT, new CodeType("id-only"));
    }
    return subscription;
  }

  private static String idOf(Bundle transactionResponse, String type) {
    return transactionResponse.getEntry().stream().map(e -> e.getResponse().getLocation())
        .filter(location -> location.startsWith(type + "/")).findFirst().orElseThrow().split("/")[1];
  }
}
