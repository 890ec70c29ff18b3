package org.passagegateway.gateway.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.passagegateway.gateway.support.DemoCredentials;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RawHttp;
import org.passagegateway.gateway.support.RawHttp.Response;
import org.passagegateway.terminology.PassageTerminology;
import org.passagegateway.testdata.NetworkBuilders;
import org.passagegateway.testdata.ReferralTransactions;

/**
 * The referral workflow over HTTP, as the demo network's sites use it: send, see it arrive,
 * accept or reject, close the loop; every forbidden transition and element change; where a
 * referral may be addressed; claiming an open referral; stale {@code If-Match}; re-referral.
 */
class ReferralWorkflowTest extends H2GatewayTest {

  @Autowired JdbcTemplate jdbc;

  private static final String HR = "demo-site-hr-1";
  private static final String ANC = "demo-site-anc-1";
  private static final String TB = "demo-site-tb-1";
  private static final String SHELTER = "demo-site-shelter-1";
  private static final String PRISON = "demo-site-prison-1";
  private static final String OST = "demo-site-ost-1";
  /** A second women's shelter, registered by these tests, so that two sites can claim at once. */
  private static final String SHELTER_2 = "shelter-2";

  @BeforeEach
  void registerSecondShelter() {
    IGenericClient admin = fhirAs(ADMIN);
    admin.update().resource(NetworkBuilders.site(SHELTER_2, "Northside Women's Refuge", "womens-shelter")).execute();
    admin.update().resource(NetworkBuilders.service("hs-shelter-2-place", SHELTER_2, "shelter")).execute();
    String registration = httpAs(ADMIN).get("/admin/clients/demo-site-shelter-1").body()
        .replace("Organization/shelter-1", "Organization/" + SHELTER_2);
    httpAs(ADMIN).send("PUT", "/admin/clients/demo-site-shelter-2", "application/json",
        registration.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The second shelter's client: registered above with the first shelter's demo key. */
  private static DemoCredentials.Client secondShelter() {
    DemoCredentials.Client first = DemoCredentials.client(SHELTER);
    return new DemoCredentials.Client("demo-site-shelter-2", "Organization/" + SHELTER_2, "site", first.scope(),
        first.privateKey());
  }

  @Override
  protected IGenericClient fhirAs(String clientId) {
    return clientId.equals("demo-site-shelter-2") ? fhirAs(secondShelter()) : super.fhirAs(clientId);
  }

  @Override
  protected RawHttp httpAs(String clientId) {
    return clientId.equals("demo-site-shelter-2") ? httpAs(secondShelter()) : super.httpAs(clientId);
  }

  @Test
  void whenTheHarmReductionSiteRefersAPregnantClientThenTheClinicAcceptsCompletesAndTheLoopCloses() {
    Instant sent = Instant.now();
    Referral referral = send(HR, "anc-1", "prenatal-care", "pregnancy-care");

    Bundle inbox = fhirAs(ANC).search().forResource(Task.class)
        .where(Task.OWNER.hasId("Organization/anc-1")).and(Task.STATUS.exactly().code("requested"))
        .include(Task.INCLUDE_FOCUS).returnBundle(Bundle.class).execute();
    assertThat(ids(inbox)).contains(referral.taskId(), referral.referralId());

    move(ANC, referral.taskId(), TaskStatus.ACCEPTED);
    move(ANC, referral.taskId(), TaskStatus.INPROGRESS);
    Task accepted = read(ANC, referral.taskId());
    String episode = fhirAs(ANC).create().resource(episode(referral, accepted.getFor(), "anc-1", "prenatal-care"))
        .execute().getId().getIdPart();
    Task done = read(ANC, referral.taskId()).setStatus(TaskStatus.COMPLETED);
    done.addOutput().setType(new CodeableConcept().setText("Service episode")).setValue(new Reference("EpisodeOfCare/" + episode));
    fhirAs(ANC).update().resource(done).execute();

    Bundle changed = fhirAs(HR).search().forResource(Task.class).where(Task.REQUESTER.hasId("Organization/hr-1"))
        .lastUpdated(new ca.uhn.fhir.rest.param.DateRangeParam().setLowerBoundExclusive(Date.from(sent)))
        .returnBundle(Bundle.class).execute();
    Task seen = changed.getEntry().stream().map(e -> (Task) e.getResource())
        .filter(t -> t.getIdElement().getIdPart().equals(referral.taskId())).findFirst().orElseThrow();
    assertThat(seen.getStatus()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(seen.getOutputFirstRep().getValue()).isInstanceOfSatisfying(Reference.class,
        r -> assertThat(r.getReference()).isEqualTo("EpisodeOfCare/" + episode));
    assertThat(seen.hasLastModified()).isTrue();
    assertThat(seen.getExecutionPeriod().hasStart()).as("accepted at").isTrue();
    assertThat(seen.getExecutionPeriod().getEnd()).as("closed at").isAfterOrEqualTo(seen.getExecutionPeriod().getStart());
    Bundle closedReferrals = fhirAs(HR).search().forResource(Task.class)
        .where(Task.PERIOD.afterOrEquals().day(seen.getExecutionPeriod().getStart()))
        .and(Task.STATUS.exactly().code("completed"))
        .lastUpdated(new ca.uhn.fhir.rest.param.DateRangeParam().setLowerBoundExclusive(Date.from(sent)))
        .returnBundle(Bundle.class).execute();
    assertThat(ids(closedReferrals)).contains(referral.taskId());
  }

  @Test
  void whenTheInboxIsSortedByPriorityRankThenStatComesBeforeAsapBeforeUrgentBeforeRoutine() {
    List<String> sent = new ArrayList<>();
    for (Task.TaskPriority priority : List.of(Task.TaskPriority.ROUTINE, Task.TaskPriority.STAT, Task.TaskPriority.URGENT,
        Task.TaskPriority.ASAP)) {
      Referral referral = send(HR, "tb-1", "tb", "presumptive-tb");
      fhirAs(HR).update().resource(read(HR, referral.taskId()).setPriority(priority)).execute();
      sent.add(referral.taskId());
    }

    Bundle inbox = fhirAs(TB).search().forResource(Task.class).where(Task.RES_ID.exactly().codes(sent))
        .sort().ascending("priority-rank").sort().descending(Task.AUTHORED_ON).returnBundle(Bundle.class).execute();

    assertThat(inbox.getEntry()).extracting(e -> ((Task) e.getResource()).getPriority())
        .containsExactly(Task.TaskPriority.STAT, Task.TaskPriority.ASAP, Task.TaskPriority.URGENT, Task.TaskPriority.ROUTINE);
  }

  @Test
  void whenATaskIsWrittenThenTheOwnerStatusIndexHoldsItUnderItsCurrentOwnerAndStatusForInboxSearches() {
    Referral referral = send(HR, "tb-1", "tb", "presumptive-tb");
    assertThat(ownerStatusIndex(referral.taskId())).singleElement().asString()
        .contains("owner=Organization%2Ftb-1").contains("status=http%3A%2F%2Fhl7.org%2Ffhir%2Ftask-status%7Crequested");

    move(TB, referral.taskId(), TaskStatus.ACCEPTED);
    assertThat(ownerStatusIndex(referral.taskId())).singleElement().asString()
        .contains("owner=Organization%2Ftb-1").contains("status=http%3A%2F%2Fhl7.org%2Ffhir%2Ftask-status%7Caccepted");

    Bundle inbox = fhirAs(TB).search().forResource(Task.class).where(Task.OWNER.hasId("Organization/tb-1"))
        .and(Task.STATUS.exactly().code("accepted")).count(200).returnBundle(Bundle.class).execute();
    assertThat(ids(inbox)).contains(referral.taskId());
  }

  private List<String> ownerStatusIndex(String taskId) {
    return jdbc.queryForList("select i.IDX_STRING from HFJ_IDX_CMB_TOK_NU i join HFJ_RESOURCE r on r.RES_ID = i.RES_ID"
        + " where r.RES_TYPE = 'Task' and r.FHIR_ID = ?", String.class, taskId);
  }

  @Test
  void whenAClientSetsTheExecutionPeriodThenTheGatewayKeepsItsOwn() {
    Referral referral = send(HR, "tb-1", "tb", "presumptive-tb");
    Task accepted = read(TB, referral.taskId()).setStatus(TaskStatus.ACCEPTED);
    accepted.getExecutionPeriod().setStart(new Date(0));
    fhirAs(TB).update().resource(accepted).execute();

    Task stored = read(HR, referral.taskId());
    assertThat(stored.getExecutionPeriod().getStart()).isNotEqualTo(new Date(0));
    assertThat(stored.getExecutionPeriod().getStart()).isAfterOrEqualTo(stored.getAuthoredOn());
  }

  @Test
  void whenAReferralSaysDoNotContactThenTheReceivingSiteGetsNoContactDetailsOfTheClient() {
    Bundle referral = ReferralTransactions.newClientReferral(newPseudonym(), "hr-1", "shelter-1", "shelter",
        "violence-safety", Instant.now());
    String phone = "+00 555 " + (1000 + new java.util.Random().nextInt(8999));
    for (Bundle.BundleEntryComponent entry : referral.getEntry()) {
      if (entry.getResource() instanceof org.hl7.fhir.r4.model.Patient client) {
        client.addTelecom().setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.PHONE).setValue(phone);
      } else if (entry.getResource() instanceof ServiceRequest request) {
        NetworkBuilders.contactSafety(request, true, "Only through the outreach worker");
      }
    }
    Bundle sent = fhirAs(HR).transaction().withBundle(referral).execute();
    String clientId = idOf(sent, "Patient");
    String taskId = idOf(sent, "Task");

    Response client = httpAs(SHELTER).get("/fhir/Patient/" + clientId);
    assertThat(client.status()).as("her consent lets the shelter see her record").isEqualTo(200);
    assertThat(client.body()).contains(referral.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
        .filter(org.hl7.fhir.r4.model.Patient.class::isInstance).map(p -> ((org.hl7.fhir.r4.model.Patient) p)
            .getIdentifierFirstRep().getValue()).findFirst().orElseThrow()).doesNotContain(phone).doesNotContain("telecom");
    Response withClient = httpAs(SHELTER).get("/fhir/Task?_id=" + taskId + "&_include=Task:patient&_include=Task:focus");
    assertThat(withClient.status()).isEqualTo(200);
    assertThat(withClient.body()).contains("\"resourceType\":\"Task\"").contains("Only through the outreach worker")
        .contains("\"resourceType\":\"Patient\"").doesNotContain(phone);
    assertThat(ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, withClient.body())
        .getEntry()).as("what the page includes is marked as included, whoever loaded it first")
        .extracting(entry -> entry.getResource().fhirType() + ":" + entry.getSearch().getMode().toCode())
        .containsExactlyInAnyOrder("Task:match", "Patient:include", "ServiceRequest:include");
    assertThat(httpAs(HR).get("/fhir/Patient/" + clientId).body()).as("the referring site keeps them").contains(phone);
  }

  @Test
  void whenTheOtherDemoScenariosRunThenEachReferralIsAcceptedAndCompletedByItsOwner() {
    record Scenario(String from, String to, String toClient, String service, String reason) {}
    for (Scenario scenario : List.of(
        new Scenario(HR, "tb-1", TB, "tb", "presumptive-tb"),
        new Scenario(HR, "shelter-1", SHELTER, "shelter", "violence-safety"),
        new Scenario(PRISON, "hr-1", HR, "naloxone", "release-planning"),
        new Scenario(PRISON, "ost-1", OST, "ost", "ost-continuity"))) {
      Referral referral = send(scenario.from(), scenario.to(), scenario.service(), scenario.reason());
      move(scenario.toClient(), referral.taskId(), TaskStatus.ACCEPTED);
      move(scenario.toClient(), referral.taskId(), TaskStatus.COMPLETED);
      assertThat(read(scenario.from(), referral.taskId()).getStatus()).as(scenario.toString()).isEqualTo(TaskStatus.COMPLETED);
    }
  }

  @Test
  void whenAPartyMakesAMoveTheTableDoesNotGiveItThenTheAnswerNamesTheRule() {
    Referral referral = send(HR, "tb-1", "tb", "presumptive-tb");

    assertRefused(() -> move(HR, referral.taskId(), TaskStatus.ACCEPTED), 403, "PASSAGE-4002", "Only the owner");
    assertRefused(() -> move(TB, referral.taskId(), TaskStatus.CANCELLED, cancellation()), 403, "PASSAGE-4002", "Only the requester");
    assertRefused(() -> move(TB, referral.taskId(), TaskStatus.COMPLETED), 409, "PASSAGE-4001", "from status requested to completed");
    assertRefused(() -> move(TB, referral.taskId(), TaskStatus.ENTEREDINERROR), 403, "PASSAGE-4002", "Only the requester");

    move(TB, referral.taskId(), TaskStatus.REJECTED, rejection());
    assertRefused(() -> move(TB, referral.taskId(), TaskStatus.ACCEPTED), 409, "PASSAGE-4001", "from status rejected to accepted");
    move(HR, referral.taskId(), TaskStatus.ENTEREDINERROR);
    assertThat(read(HR, referral.taskId()).getStatus()).isEqualTo(TaskStatus.ENTEREDINERROR);
  }

  @Test
  void whenAPartyChangesAnElementThatIsNotItsToChangeThenRefusedAndNothingIsWritten() {
    Referral referral = send(HR, "tb-1", "tb", "presumptive-tb");
    move(TB, referral.taskId(), TaskStatus.ACCEPTED);

    Task reprioritized = read(TB, referral.taskId()).setPriority(Task.TaskPriority.STAT);
    assertRefused(() -> fhirAs(TB).update().resource(reprioritized).execute(), 403, "PASSAGE-4003", "not Task.priority");
    Task refocused = read(HR, referral.taskId()).setFocus(new Reference("ServiceRequest/sr-tb-1"));
    assertRefused(() -> fhirAs(HR).update().resource(refocused).execute(), 422, "PASSAGE-4004", "Task.focus");
    Task redated = read(HR, referral.taskId()).setAuthoredOn(new Date(0));
    assertRefused(() -> fhirAs(HR).update().resource(redated).execute(), 422, "PASSAGE-4004", "Task.authoredOn");
    Task readdressed = read(HR, referral.taskId()).setOwner(new Reference("Organization/anc-1"));
    assertRefused(() -> fhirAs(HR).update().resource(readdressed).execute(), 422, "PASSAGE-4004", "once the referral is accepted");
    Task reassigned = read(TB, referral.taskId()).setFor(new Reference("Patient/client-1"));
    assertRefused(() -> fhirAs(TB).update().resource(reassigned).execute(), 422, "PASSAGE-4004", "Task.for");

    Task stored = read(HR, referral.taskId());
    assertThat(stored.getMeta().getVersionId()).isEqualTo("2");
    assertThat(stored.getPriority()).isEqualTo(Task.TaskPriority.ROUTINE);
  }

  @Test
  void whenTaskUpdatesComeAsTransactionEntriesThenTheSameRulesHold() {
    Referral referral = send(HR, "tb-1", "tb", "presumptive-tb");

    Task reprioritized = read(TB, referral.taskId()).setPriority(Task.TaskPriority.STAT);
    assertRefused(() -> fhirAs(TB).transaction().withBundle(asTransactionUpdate(reprioritized)).execute(),
        403, "PASSAGE-4003", "not Task.priority");
    Task acceptedByRequester = read(HR, referral.taskId()).setStatus(TaskStatus.ACCEPTED);
    assertRefused(() -> fhirAs(HR).transaction().withBundle(asTransactionUpdate(acceptedByRequester)).execute(),
        403, "PASSAGE-4002", "Only the owner");
    Task accepted = read(TB, referral.taskId()).setStatus(TaskStatus.ACCEPTED);
    fhirAs(TB).transaction().withBundle(asTransactionUpdate(accepted)).execute();

    Task stored = read(HR, referral.taskId());
    assertThat(stored.getStatus()).isEqualTo(TaskStatus.ACCEPTED);
    assertThat(stored.getPriority()).isEqualTo(Task.TaskPriority.ROUTINE);
  }

  private static Bundle asTransactionUpdate(Task task) {
    Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    String url = "Task/" + task.getIdElement().getIdPart();
    bundle.addEntry().setFullUrl(url).setResource(task).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(url);
    return bundle;
  }

  @Test
  void whenAReferralIsAddressedToASiteThatDoesNotOfferTheServiceOrToAnotherThanItsReferralThenUnprocessable() {
    Bundle toWrongSite = ReferralTransactions.newClientReferral(newPseudonym(), "hr-1", "tb-1", "prenatal-care",
        "pregnancy-care", Instant.now());
    assertRefused(() -> fhirAs(HR).transaction().withBundle(toWrongSite).execute(), 422, "PASSAGE-4005", "of the referral's service type");

    Bundle mismatched = ReferralTransactions.newClientReferral(newPseudonym(), "hr-1", "anc-1", "prenatal-care",
        "pregnancy-care", Instant.now());
    mismatched.getEntry().stream().filter(e -> e.getResource() instanceof Task)
        .forEach(e -> ((Task) e.getResource()).setOwner(new Reference("Organization/tb-1")));
    assertRefused(() -> fhirAs(HR).transaction().withBundle(mismatched).execute(), 422, "PASSAGE-4006", "ServiceRequest.performer");
  }

  @Test
  void whenASiteIsNoLongerOfTheKindAnOpenReferralNamesThenItsNextRequestNoLongerSeesTheReferral() {
    Bundle sent = fhirAs(HR).transaction().withBundle(ReferralTransactions.newClientOpenReferral(
        newPseudonym(), "hr-1", "womens-shelter", "shelter", "housing", Instant.now())).execute();
    String taskId = idOf(sent, "Task");
    assertThat(httpAs("demo-site-shelter-2").get("/fhir/Task/" + taskId).status()).as("a women's shelter").isEqualTo(200);

    // The directory says the site is now a TB service; the gateway has seen its earlier kind.
    fhirAs(ADMIN).update().resource(NetworkBuilders.site(SHELTER_2, "Northside Women's Refuge", "tb-service")).execute();
    assertThat(httpAs("demo-site-shelter-2").get("/fhir/Task/" + taskId).status()).as("no longer a shelter").isEqualTo(404);

    fhirAs(ADMIN).update().resource(NetworkBuilders.site(SHELTER_2, "Northside Women's Refuge", "womens-shelter")).execute();
    assertThat(httpAs("demo-site-shelter-2").get("/fhir/Task/" + taskId).status()).as("a shelter again").isEqualTo(200);
  }

  @Test
  void whenTwoSheltersClaimAnOpenReferralAtOnceThenExactlyOneWinsAndTheOtherNoLongerSeesIt() throws Exception {
    Bundle sent = fhirAs(HR).transaction().withBundle(ReferralTransactions.newClientOpenReferral(
        newPseudonym(), "hr-1", "womens-shelter", "shelter", "housing", Instant.now())).execute();
    String taskId = idOf(sent, "Task");
    String referralId = idOf(sent, "ServiceRequest");

    for (String shelter : List.of(SHELTER, "demo-site-shelter-2")) {
      Bundle generalInbox = fhirAs(shelter).search().forResource(Task.class)
          .where(new TokenClientParam("performer").exactly().systemAndCode(PassageTerminology.SITE_TYPE, "womens-shelter"))
          .and(Task.STATUS.exactly().code("requested")).include(Task.INCLUDE_FOCUS).returnBundle(Bundle.class).execute();
      assertThat(ids(generalInbox)).as(shelter).contains(taskId, referralId);
    }
    assertThat(httpAs(TB).get("/fhir/Task/" + taskId).status()).as("not a shelter").isEqualTo(404);

    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<Response>> claims = new ArrayList<>();
    for (String shelter : List.of(SHELTER, "demo-site-shelter-2")) {
      claims.add(pool.submit(() -> {
        start.await();
        return httpAs(shelter).send("POST", "/fhir/Task/" + taskId + "/$claim", null, null);
      }));
    }
    start.countDown();
    List<Response> answers = new ArrayList<>();
    for (Future<Response> claim : claims) {
      answers.add(claim.get());
    }
    pool.shutdown();

    assertThat(answers).extracting(Response::status).containsExactlyInAnyOrder(200, 409);
    Response lost = answers.stream().filter(a -> a.status() == 409).findFirst().orElseThrow();
    assertThat(lost.passageCode()).isEqualTo("PASSAGE-4007");
    String winner = answers.get(0).status() == 200 ? SHELTER : "demo-site-shelter-2";
    String loser = winner.equals(SHELTER) ? "demo-site-shelter-2" : SHELTER;
    String winnerSite = winner.equals(SHELTER) ? "shelter-1" : SHELTER_2;

    Task claimed = read(winner, taskId);
    assertThat(claimed.getOwner().getReference()).isEqualTo("Organization/" + winnerSite);
    assertThat(claimed.getStatus()).isEqualTo(TaskStatus.REQUESTED);
    assertThat(fhirAs(winner).read().resource(ServiceRequest.class).withId(referralId).execute()
        .getPerformerFirstRep().getReference()).isEqualTo("Organization/" + winnerSite);
    assertThat(httpAs(loser).get("/fhir/Task/" + taskId).status()).isEqualTo(404);
    assertThat(httpAs(loser).get("/fhir/ServiceRequest/" + referralId).status()).isEqualTo(404);
    move(winner, taskId, TaskStatus.ACCEPTED);
  }

  @Test
  void whenASiteClaimsAReferralItCannotSeeThenTheAnswerIsThatOfOneThatNeverExisted() {
    Response absent = httpAs(TB).send("POST", "/fhir/Task/" + UUID.randomUUID() + "/$claim", null, null);
    Response hidden = httpAs(TB).send("POST", "/fhir/Task/task-shelter-1/$claim", null, null);

    assertThat(absent.status()).isEqualTo(404);
    assertThat(hidden.status()).isEqualTo(404);
    assertThat(hidden.body()).isEqualTo(absent.body());
    assertThat(read(HR, "task-shelter-1").getOwner().getReference()).isEqualTo("Organization/shelter-1");
  }

  @Test
  void whenATaskIsAboutAReferralTheSiteCannotSeeThenTheAnswerIsThatForOneThatNeverExisted() {
    ServiceRequest theirs = fhir().read().resource(ServiceRequest.class).withId("sr-anc-1").execute();
    Task aboutHidden = NetworkBuilders.referralTask(null, theirs).setRequester(new Reference("Organization/tb-1"));
    Task aboutNothing = aboutHidden.copy().setFocus(new Reference("ServiceRequest/" + UUID.randomUUID()));
    String hidden = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(aboutHidden);
    String nothing = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(aboutNothing);

    Response toHidden = httpAs(TB).send("POST", "/fhir/Task", "application/fhir+json", hidden.getBytes(StandardCharsets.UTF_8));
    Response toNothing = httpAs(TB).send("POST", "/fhir/Task", "application/fhir+json", nothing.getBytes(StandardCharsets.UTF_8));

    assertThat(toHidden.status()).isEqualTo(422);
    assertThat(toHidden.passageCode()).isEqualTo("PASSAGE-4006");
    assertThat(toHidden.body()).isEqualTo(toNothing.body());
  }

  @Test
  void whenAClaimIsMadeOnAReferralThatIsNotOpenThenConflict() {
    Referral referral = send(HR, "shelter-1", "shelter", "housing");

    Response claim = httpAs(SHELTER).send("POST", "/fhir/Task/" + referral.taskId() + "/$claim", null, null);

    assertThat(claim.status()).isEqualTo(409);
    assertThat(claim.passageCode()).isEqualTo("PASSAGE-4007");
  }

  @Test
  void whenTheOwnerUpdatesWithAStaleIfMatchThenPreconditionFailedAndNothingIsWritten() {
    Referral referral = send(HR, "tb-1", "tb", "presumptive-tb");
    Task ownersCopy = read(TB, referral.taskId());
    fhirAs(HR).update().resource(read(HR, referral.taskId()).setPriority(Task.TaskPriority.URGENT)).execute();

    ownersCopy.setStatus(TaskStatus.ACCEPTED);
    assertRefused(() -> fhirAs(TB).update().resource(ownersCopy).withAdditionalHeader("If-Match", "W/\"1\"").execute(),
        412, "PASSAGE-2004", "If-Match");

    Task stored = read(TB, referral.taskId());
    assertThat(stored.getStatus()).isEqualTo(TaskStatus.REQUESTED);
    assertThat(stored.getMeta().getVersionId()).isEqualTo("2");
  }

  @Test
  void whenARejectedReferralIsReReferredThenTheNewTaskIsPartOfTheFirstAndTheChainIsSearchable() {
    Referral first = send(HR, "shelter-1", "shelter", "violence-safety");
    move(SHELTER, first.taskId(), TaskStatus.REJECTED, rejection());
    ServiceRequest referral = fhirAs(HR).read().resource(ServiceRequest.class).withId(first.referralId()).execute();
    Task rejected = read(HR, first.taskId());

    Bundle again = fhirAs(HR).transaction().withBundle(ReferralTransactions.reReferral(referral, rejected, SHELTER_2)).execute();
    String secondId = idOf(again, "Task");

    Bundle chain = fhirAs(HR).search().forResource(Task.class).where(Task.PART_OF.hasId("Task/" + first.taskId()))
        .returnBundle(Bundle.class).execute();
    assertThat(ids(chain)).containsExactly(secondId);
    Task second = read("demo-site-shelter-2", secondId);
    assertThat(second.getPartOfFirstRep().getReference()).isEqualTo("Task/" + first.taskId());
    assertThat(httpAs(SHELTER).get("/fhir/ServiceRequest/" + first.referralId()).status())
        .as("the site that rejected it no longer sees the re-addressed referral").isEqualTo(404);
  }

  @Test
  void whenAReReferralIsPartOfATaskThatWasNotRejectedThenUnprocessable() {
    Referral first = send(HR, "shelter-1", "shelter", "violence-safety");
    ServiceRequest referral = fhirAs(HR).read().resource(ServiceRequest.class).withId(first.referralId()).execute();

    assertRefused(() -> fhirAs(HR).transaction().withBundle(
        ReferralTransactions.reReferral(referral, read(HR, first.taskId()), SHELTER_2)).execute(), 422, "PASSAGE-4008", "rejected");
  }

  private record Referral(String taskId, String referralId) {}

  private Referral send(String from, String toSite, String service, String reason) {
    String fromSite = DemoSites.site(from);
    Bundle sent = fhirAs(from).transaction().withBundle(ReferralTransactions.newClientReferral(
        newPseudonym(), fromSite, toSite, service, reason, Instant.now())).execute();
    return new Referral(idOf(sent, "Task"), idOf(sent, "ServiceRequest"));
  }

  private Task read(String client, String taskId) {
    return fhirAs(client).read().resource(Task.class).withId(taskId).execute();
  }

  private void move(String client, String taskId, TaskStatus status) {
    move(client, taskId, status, null);
  }

  private void move(String client, String taskId, TaskStatus status, CodeableConcept reason) {
    Task task = read(client, taskId).setStatus(status);
    if (reason != null) {
      task.setStatusReason(reason);
    }
    fhirAs(client).update().resource(task).execute();
  }

  private static CodeableConcept rejection() {
    return new CodeableConcept(new Coding(PassageTerminology.REJECTION_REASON, "no-capacity", null));
  }

  private static CodeableConcept cancellation() {
    return new CodeableConcept(new Coding(PassageTerminology.CANCELLATION_REASON, "client-withdrew", null));
  }

  private static EpisodeOfCare episode(Referral referral, Reference client, String site, String service) {
    EpisodeOfCare episode = new EpisodeOfCare();
    episode.setPatient(client.copy());
    episode.setStatus(EpisodeOfCare.EpisodeOfCareStatus.ACTIVE);
    episode.addType(new CodeableConcept(new Coding(PassageTerminology.SERVICE_TYPE, service, null)));
    episode.setManagingOrganization(new Reference("Organization/" + site));
    episode.addReferralRequest(new Reference("ServiceRequest/" + referral.referralId()));
    episode.setPeriod(new Period().setStart(new Date()));
    return episode;
  }

  private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status, String code,
      String message) {
    assertThatThrownBy(call).isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
      assertThat(e.getStatusCode()).isEqualTo(status);
      OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
      assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode()).isEqualTo(code);
      assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains(message);
    });
  }

  private static List<String> ids(Bundle bundle) {
    return bundle.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
  }

  private static String idOf(Bundle transactionResponse, String type) {
    return transactionResponse.getEntry().stream().map(e -> e.getResponse().getLocation())
        .filter(location -> location.startsWith(type + "/")).findFirst().orElseThrow().split("/")[1];
  }

  /** The Organization a demo site client acts for. */
  private static final class DemoSites {
    static String site(String clientId) {
      return clientId.substring("demo-site-".length());
    }
  }
}
