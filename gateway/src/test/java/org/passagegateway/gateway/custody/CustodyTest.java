package org.passagegateway.gateway.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passagegateway.gateway.support.TransactionResponses.idOf;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RawHttp.Response;
import org.passagegateway.terminology.PassageTerminology;
import org.passagegateway.testdata.NetworkBuilders;
import org.passagegateway.testdata.ReferralTransactions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Custody over HTTP: hidden answers as missing in a batch, parties that follow the referrals, a log
 * that records exactly what left and every refusal a consent decided, with the real caller as
 * agent, and writes that fail when what they were checked against changes before they commit.
 */
class CustodyTest extends H2GatewayTest {

  private static final String TB = "demo-site-tb-1";
  private static final String ANC = "demo-site-anc-1";
  private static final String SHELTER = "demo-site-shelter-1";
  private static final String FHIR_JSON = "application/fhir+json";
  private static final FhirContext FHIR = FhirContext.forR4Cached();

  @Autowired RestfulServer server;

  @Test
  void whenABatchReadsAResourceTheSiteMayNotSeeThenItsEntryIsTheEntryOfOneThatNeverExisted() {
    Sent sent = send("tb-1", "tb", "presumptive-tb");
    for (String path : List.of("Task/" + sent.task(), "Patient/" + sent.client(), "ServiceRequest/" + sent.referral(),
        "Consent/" + sent.consent())) {
      String type = path.substring(0, path.indexOf('/'));
      Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
      batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl(path);
      batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl(type + "/" + UUID.randomUUID());
      Bundle answer = parse(httpAs(ANC).send("POST", "/fhir", FHIR_JSON, json(batch)).body());

      Bundle.BundleEntryResponseComponent hidden = answer.getEntry().get(0).getResponse();
      Bundle.BundleEntryResponseComponent missing = answer.getEntry().get(1).getResponse();
      assertThat(hidden.getStatus()).as(path).isEqualTo("404 Not Found").isEqualTo(missing.getStatus());
      assertThat(encode(hidden.getOutcome())).as(path).isEqualTo(encode(missing.getOutcome()))
          .contains("PASSAGE-2001").doesNotContain("HAPI-").doesNotContain(sent.client());
    }
  }

  @Test
  void whenTheOwnersUpdateIsRefusedThenTheLogHoldsNoDisclosureAndTheCustodianSeesNone() {
    Sent sent = send("tb-1", "tb", "presumptive-tb");
    Task task = fhir().read().resource(Task.class).withId(sent.task()).execute();
    Response refused = httpAs(TB).send("PUT", "/fhir/Task/" + sent.task(), FHIR_JSON,
        json(task.setStatus(Task.TaskStatus.COMPLETED)));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.passageCode()).isEqualTo("PASSAGE-4001");

    assertThat(disclosures(sent.client())).as("nothing left the gateway").isEmpty();
    assertThat(search("AuditEvent?entity=Task/" + sent.task() + "&type=consent-decision")).isEmpty();
  }

  @Test
  void whenAScriptedExchangeRunsThenDisclosuresListExactlyWhatTheResponsesCarried() {
    Sent sent = send("tb-1", "tb", "presumptive-tb");
    httpAs(TB).get("/fhir/Task/" + sent.task());
    httpAs(TB).get("/fhir/Task?_id=" + sent.task() + "&_include=Task:focus");
    Task task = fhir().read().resource(Task.class).withId(sent.task()).execute();
    assertThat(httpAs(TB).send("PUT", "/fhir/Task/" + sent.task(), FHIR_JSON,
        json(task.setStatus(Task.TaskStatus.COMPLETED))).status()).isEqualTo(409);
    httpAs(TB).get("/fhir/Patient/" + sent.client());
    revoke(sent.consent());
    assertThat(httpAs(TB).get("/fhir/Task/" + sent.task()).status()).isEqualTo(404);

    assertThat(disclosures(sent.client())).containsExactly("Task/" + sent.task(), "Task/" + sent.task(),
        "ServiceRequest/" + sent.referral(), "Patient/" + sent.client());
    assertThat(search("AuditEvent?entity=Task/" + sent.task() + "&subtype=deny")).hasSize(1)
        .allSatisfy(event -> assertThat(event.getAgentFirstRep().getWho().getReference()).isEqualTo("Organization/tb-1"));
  }

  @Test
  void whenTheCustodianUpdatesHerPatientThenTheSiteSheIsReferredToStillSeesHer() {
    Sent sent = send("tb-1", "tb", "presumptive-tb");
    assertThat(httpAs(TB).get("/fhir/Patient/" + sent.client()).status()).isEqualTo(200);

    Patient client = fhir().read().resource(Patient.class).withId(sent.client()).execute();
    client.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
    fhir().update().resource(client).execute();

    Response read = httpAs(TB).get("/fhir/Patient/" + sent.client());
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body()).contains("\"gender\":\"female\"");
    assertThat(entryIds(httpAs(TB).get("/fhir/Patient?_id=" + sent.client()))).containsExactly(sent.client());
  }

  @Test
  void whenAClientRecordedEarlierIsReferredThenTheOwnerSeesHerRecord() {
    String client = fhir().create().resource(NetworkBuilders.client(null, newPseudonym(), 1992)).execute()
        .getId().getIdPart();
    Response missing = httpAs(TB).get("/fhir/Patient/" + UUID.randomUUID());
    Response before = httpAs(TB).get("/fhir/Patient/" + client);
    assertThat(before.status()).isEqualTo(404);
    assertThat(before.body()).isEqualTo(missing.body());

    Bundle referral = ReferralTransactions.newClientReferral("PSN-x", "hr-1", "tb-1", "tb", "presumptive-tb", Instant.now());
    referral.getEntry().removeIf(entry -> entry.getResource() instanceof Patient);
    referral.getEntry().forEach(entry -> pointAt(entry.getResource(), client));
    Response sent = post(referral);
    assertThat(sent.status()).as(sent.body()).isEqualTo(200);

    assertThat(httpAs(TB).get("/fhir/Patient/" + client).status()).isEqualTo(200);
    assertThat(entryIds(httpAs(TB).get("/fhir/Patient?_id=" + client))).containsExactly(client);
  }

  @Test
  void whenTheOwnerRejectsAndTheRequesterReRefersThenTheRejectingSiteNoLongerSeesHer() {
    IGenericClient admin = fhirAs(ADMIN);
    admin.update().resource(NetworkBuilders.site("shelter-2", "Northside Women's Refuge", "womens-shelter")).execute();
    admin.update().resource(NetworkBuilders.service("hs-shelter-2-place", "shelter-2", "shelter")).execute();
    Sent sent = send("shelter-1", "shelter", "violence-safety");
    Task received = fhirAs(SHELTER).read().resource(Task.class).withId(sent.task()).execute();
    received.setStatus(Task.TaskStatus.REJECTED).setStatusReason(new CodeableConcept(new Coding(
        PassageTerminology.REJECTION_REASON, "no-capacity", null)));
    fhirAs(SHELTER).update().resource(received).execute();
    ServiceRequest referral = fhir().read().resource(ServiceRequest.class).withId(sent.referral()).execute();
    Task rejected = fhir().read().resource(Task.class).withId(sent.task()).execute();
    String reReferral = idOf(fhir().transaction().withBundle(ReferralTransactions.reReferral(referral, rejected, "shelter-2"))
        .execute(), "Task");
    // Her consent would let both shelters see her: what stops the first is that it is no longer a party.
    recordConsent(sent.client(), List.of("shelter-1", "shelter-2"));

    assertThat(fhir().read().resource(Task.class).withId(reReferral).execute().getOwner().getReference())
        .isEqualTo("Organization/shelter-2");
    Response missing = httpAs(SHELTER).get("/fhir/Patient/" + UUID.randomUUID());
    Response hidden = httpAs(SHELTER).get("/fhir/Patient/" + sent.client());
    assertThat(hidden.status()).isEqualTo(404);
    assertThat(hidden.body()).isEqualTo(missing.body());
    assertThat(entryIds(httpAs(SHELTER).get("/fhir/Patient?_id=" + sent.client()))).isEmpty();
    assertThat(httpAs(SHELTER).get("/fhir/Task/" + sent.task()).status()).as("the Task it rejected stays its own")
        .isEqualTo(200);
  }

  @Test
  void whenASiteRevokesThenTheLogNamesThatSiteAndItsApplication() {
    Sent sent = send("tb-1", "tb", "presumptive-tb");
    revoke(sent.consent());
    List<AuditEvent> updates = search("AuditEvent?entity=Consent/" + sent.consent() + "&subtype=update");
    assertThat(updates).hasSize(1);
    assertThat(updates.get(0).getAgentFirstRep().getWho().getReference()).isEqualTo("Organization/hr-1");
    assertThat(updates.get(0).getAgentFirstRep().getAltId()).isEqualTo(SITE);
  }

  @Test
  void whenAReferralIsRefusedForWantOfConsentThenTheLogHoldsADenyNamingSenderAndOwner() {
    String client = fhir().create().resource(NetworkBuilders.client(null, newPseudonym(), 1994)).execute()
        .getId().getIdPart();
    Bundle referral = ReferralTransactions.newClientReferral("PSN-x", "hr-1", "tb-1", "tb", "presumptive-tb",
        Instant.now());
    referral.getEntry().removeIf(entry -> entry.getResource() instanceof Patient || entry.getResource() instanceof Consent);
    referral.getEntry().forEach(entry -> pointAt(entry.getResource(), client));
    Response refused = post(referral);
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.passageCode()).isEqualTo("PASSAGE-5002");

    List<AuditEvent> denies = search("AuditEvent?patient=Patient/" + client + "&subtype=deny");
    assertThat(denies).hasSize(1);
    AuditEvent deny = denies.get(0);
    assertThat(deny.getAgent()).extracting(agent -> agent.getWho().getReference())
        .containsExactly("Organization/hr-1", "Organization/tb-1");
    assertThat(search("AuditEvent?patient=Patient/" + client + "&subtype=permit")).isEmpty();
    assertThat(search("AuditEvent?patient=Patient/" + client + "&subtype=create")).as("only her Patient was written")
        .hasSize(1);
  }

  @Test
  void whenARevocationCommitsBetweenTheChecksOfAnUpdateAndItsCommitThenTheUpdateFailsAndWritesNothing() {
    Sent sent = send("tb-1", "tb", "presumptive-tb");
    Task accepted = fhirAs(TB).read().resource(Task.class).withId(sent.task()).execute().setStatus(Task.TaskStatus.ACCEPTED);
    Response raced = racing(sent.task(), () -> revoke(sent.consent()),
        () -> httpAs(TB).send("PUT", "/fhir/Task/" + sent.task(), FHIR_JSON, json(accepted)));
    assertThat(raced.status()).isEqualTo(409);
    assertThat(raced.passageCode()).isEqualTo("PASSAGE-2007");
    Task stored = fhir().read().resource(Task.class).withId(sent.task()).execute();
    assertThat(stored.getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
    assertThat(stored.getMeta().getVersionId()).isEqualTo("1");
    assertThat(httpAs(TB).get("/fhir/Task/" + sent.task()).status()).isEqualTo(404);
  }

  @Test
  void whenARevocationCommitsBetweenTheChecksOfATransactionAndItsCommitThenTheTransactionFailsAndWritesNothing() {
    Sent sent = send("tb-1", "tb", "presumptive-tb");
    Task accepted = fhirAs(TB).read().resource(Task.class).withId(sent.task()).execute().setStatus(Task.TaskStatus.ACCEPTED);
    Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    transaction.addEntry().setFullUrl("Task/" + sent.task()).setResource(accepted).getRequest()
        .setMethod(Bundle.HTTPVerb.PUT).setUrl("Task/" + sent.task());
    Response raced = racing(sent.task(), () -> revoke(sent.consent()),
        () -> httpAs(TB).send("POST", "/fhir", FHIR_JSON, json(transaction)));
    assertThat(raced.status()).isEqualTo(409);
    assertThat(raced.passageCode()).isEqualTo("PASSAGE-2007");
    Task stored = fhir().read().resource(Task.class).withId(sent.task()).execute();
    assertThat(stored.getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
    assertThat(stored.getMeta().getVersionId()).isEqualTo("1");
  }

  @Test
  void whenTheRequesterReAddressesBetweenTheChecksOfTheOwnersUpdateAndItsCommitThenTheUpdateFailsAndWritesNothing() {
    Sent sent = send("tb-1", "tb", "presumptive-tb");
    recordConsent(sent.client(), List.of("tb-1", "anc-1"));
    Task accepted = fhirAs(TB).read().resource(Task.class).withId(sent.task()).execute().setStatus(Task.TaskStatus.ACCEPTED);
    Response raced = racing(sent.task(), () -> {
      Task task = fhir().read().resource(Task.class).withId(sent.task()).execute();
      task.setStatus(Task.TaskStatus.CANCELLED).setStatusReason(new CodeableConcept(new Coding(
          PassageTerminology.CANCELLATION_REASON, "client-withdrew", null)));
      fhir().update().resource(task).execute();
    }, () -> httpAs(TB).send("PUT", "/fhir/Task/" + sent.task(), FHIR_JSON, json(accepted)));
    assertThat(raced.status()).isEqualTo(409);
    Task stored = fhir().read().resource(Task.class).withId(sent.task()).execute();
    assertThat(stored.getStatus()).isEqualTo(Task.TaskStatus.CANCELLED);
    assertThat(stored.getMeta().getVersionId()).isEqualTo("2");
  }

  @Test
  void whenASitePagesOneResultAtATimeThenItReachesEveryVisibleResultOnceAndTheHiddenLeaveNoTrace() {
    List<Sent> sent = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      sent.add(send("tb-1", "tb", "presumptive-tb"));
    }
    revoke(sent.get(0).consent());
    revoke(sent.get(2).consent());
    List<String> visible = List.of(sent.get(1).task(), sent.get(3).task(), sent.get(4).task());
    List<String> withHidden = sent.stream().map(Sent::task).toList();
    List<String> withMissing = List.of(UUID.randomUUID().toString(), sent.get(1).task(), UUID.randomUUID().toString(),
        sent.get(3).task(), sent.get(4).task());

    List<String> pagesWithHidden = pages("/fhir/Task?_id=" + String.join(",", withHidden) + "&_count=1");
    List<String> pagesWithMissing = pages("/fhir/Task?_id=" + String.join(",", withMissing) + "&_count=1");

    assertThat(pagesWithHidden).as("one visible Task per page, each once, then no next link").hasSize(3);
    assertThat(pagesWithHidden.stream().map(page -> page.substring(1, page.indexOf(']'))).toList())
        .containsExactlyInAnyOrderElementsOf(visible);
    assertThat(pagesWithHidden.get(2)).endsWith("next=none");
    assertThat(pagesWithHidden).as("hidden answers as missing, page by page").isEqualTo(pagesWithMissing);
  }

  /** Follows next links from the first page: each page as "[ids] next=<offset of its next link, or none>". */
  private List<String> pages(String first) {
    List<String> pages = new java.util.ArrayList<>();
    String next = first;
    while (next != null && pages.size() < 20) {
      Bundle page = parse(httpAs(TB).get(next).body());
      Bundle.BundleLinkComponent link = page.getLink(Bundle.LINK_NEXT);
      next = link == null ? null : link.getUrl().substring(link.getUrl().indexOf("/fhir"));
      String offset = next == null ? "none" : next.replaceAll(".*_offset=([0-9]+).*", "$1");
      pages.add(page.getEntry().stream().map(entry -> entry.getResource().getIdElement().getIdPart()).toList()
          + " next=" + offset);
    }
    return pages;
  }

  /** Sends the request while the change runs between its checks and its write; the change did run. */
  private Response racing(String taskId, Runnable change, java.util.function.Supplier<Response> request) {
    Racing race = new Racing(taskId, change);
    server.registerInterceptor(race);
    try {
      Response raced = request.get();
      assertThat(race.ran()).as("the change ran between the checks and the write").isTrue();
      return raced;
    } finally {
      server.unregisterInterceptor(race);
    }
  }

  /**
   * Runs a change of another site's, to completion, once every check of an update of the Task has
   * been made and before the update is stored (the last pre-storage hook of that update).
   */
  @Interceptor
  static final class Racing {
    private final String taskId;
    private final Runnable change;
    private final AtomicBoolean ran = new AtomicBoolean();

    Racing(String taskId, Runnable change) {
      this.taskId = taskId;
      this.change = change;
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = 100_000)
    public void betweenCheckAndWrite(IBaseResource previous, IBaseResource resource) {
      if (resource instanceof Task task && taskId.equals(task.getIdElement().getIdPart())
          && task.getStatus() == Task.TaskStatus.ACCEPTED && ran.compareAndSet(false, true)) {
        Thread other = new Thread(change);
        other.start();
        try {
          other.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }

    boolean ran() {
      return ran.get();
    }
  }

  private record Sent(String client, String referral, String task, String consent) {}

  private Sent send(String owner, String service, String reason) {
    Bundle response = fhir().transaction().withBundle(ReferralTransactions.newClientReferral(newPseudonym(),
        "hr-1", owner, service, reason, Instant.now())).execute();
    return new Sent(idOf(response, "Patient"), idOf(response, "ServiceRequest"), idOf(response, "Task"),
        idOf(response, "Consent"));
  }

  private void recordConsent(String client, List<String> recipients) {
    fhir().create().resource(NetworkBuilders.consent(null, client, "hr-1", recipients, NetworkBuilders.SENSITIVE_CATEGORIES,
        List.of(), Instant.now())).execute();
  }

  private void revoke(String consent) {
    fhir().operation().onInstance(new IdType("Consent", consent)).named("$revoke").withNoParameters(Parameters.class)
        .returnResourceType(Consent.class).execute();
  }

  /** The resources the custodian's {@code $disclosures} lists as disclosed, oldest first. */
  private List<String> disclosures(String client) {
    Bundle listed = fhir().operation().onInstance(new IdType("Patient", client)).named("$disclosures")
        .withNoParameters(Parameters.class).returnResourceType(Bundle.class).useHttpGet().execute();
    // Each event names the client first, then the resources disclosed, then the consent that permitted it.
    return listed.getEntry().stream().map(entry -> ((AuditEvent) entry.getResource()).getEntity())
        .flatMap(entities -> entities.subList(1, entities.size() - 1).stream())
        .map(entity -> entity.getWhat().getReferenceElement().toUnqualifiedVersionless().getValue()).toList();
  }

  private List<AuditEvent> search(String url) {
    IGenericClient auditor = fhirAs(AUDITOR);
    return auditor.search().byUrl(url + "&_count=500").returnBundle(Bundle.class).execute().getEntry().stream()
        .map(entry -> (AuditEvent) entry.getResource()).toList();
  }

  private Response post(Bundle bundle) {
    return http().send("POST", "/fhir", FHIR_JSON, json(bundle));
  }

  private static void pointAt(Resource resource, String client) {
    if (resource instanceof Task task) {
      task.setFor(new Reference("Patient/" + client));
    } else if (resource instanceof ServiceRequest referral) {
      referral.setSubject(new Reference("Patient/" + client));
    } else if (resource instanceof Consent consent) {
      consent.setPatient(new Reference("Patient/" + client));
      consent.getPerformer().stream().filter(performer -> performer.getReference().startsWith("urn:uuid:"))
          .forEach(performer -> performer.setReference("Patient/" + client));
    }
  }

  private static List<String> entryIds(Response search) {
    return parse(search.body()).getEntry().stream().map(entry -> entry.getResource().getIdElement().getIdPart()).toList();
  }

  private static byte[] json(Resource resource) {
    return FHIR.newJsonParser().encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8);
  }

  private static String encode(Resource resource) {
    return FHIR.newJsonParser().encodeResourceToString(resource);
  }

  private static Bundle parse(String body) {
    return FHIR.newJsonParser().parseResource(Bundle.class, body);
  }
}
