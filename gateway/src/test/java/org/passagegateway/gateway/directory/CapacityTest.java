package org.passagegateway.gateway.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passagegateway.gateway.support.TransactionResponses.idOf;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.DemoCredentials;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RawHttp;
import org.passagegateway.gateway.support.RawHttp.Response;
import org.passagegateway.terminology.PassageTerminology;
import org.passagegateway.testdata.NetworkBuilders;
import org.passagegateway.testdata.ReferralTransactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Capacity and eligibility over HTTP, on a women's shelter registered by these tests (shelter-3,
 * acting with the first shelter's demo key) whose shelter service accepts women on OST, with
 * children, women only, and publishes its places itself.
 */
class CapacityTest extends H2GatewayTest {

  private static final String SHELTER = "shelter-3";
  private static final String PLACE = "hs-shelter-3-place";
  private static final String ELIGIBILITY = "https://passage-gateway.org/fhir/CodeSystem/passage-eligibility";
  private static final FhirContext FHIR = FhirContext.forR4Cached();

  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void registerTheShelter() {
    IGenericClient admin = fhirAs(ADMIN);
    admin.update().resource(NetworkBuilders.site(SHELTER, "Eastside Refuge", "womens-shelter")).execute();
    HealthcareService place = NetworkBuilders.service(PLACE, SHELTER, "shelter");
    for (String accepts : List.of("accepts-ost", "accepts-children", "women-only")) {
      place.addCharacteristic(new CodeableConcept(new Coding(ELIGIBILITY, accepts, null)));
    }
    admin.update().resource(place).execute();
    String registration = httpAs(ADMIN).get("/admin/clients/demo-site-shelter-1").body()
        .replace("Organization/shelter-1", "Organization/" + SHELTER);
    httpAs(ADMIN).send("PUT", "/admin/clients/demo-site-shelter-3", "application/json",
        registration.getBytes(StandardCharsets.UTF_8));
    jdbc.update("delete from psg_capacity_hold where service_id = ?", PLACE);
  }

  private RawHttp shelter() {
    DemoCredentials.Client first = DemoCredentials.client("demo-site-shelter-1");
    return httpAs(new DemoCredentials.Client("demo-site-shelter-3", "Organization/" + SHELTER, "site", first.scope(),
        first.privateKey()));
  }

  @Test
  void whenTheShelterPublishesItsCapacityThenMembersSeeItAndNoOtherSiteCanChangeIt() {
    Response published = publish(shelter(), "capacity", 3, 8);
    Response byAnother = publish(http(), "no-capacity", 0, 8);
    HealthcareService seen = read(shelter());
    HealthcareService seenByAnother = read(http());
    HealthcareService renamed = fhirAs(ADMIN).read().resource(HealthcareService.class).withId(PLACE).execute();
    Extension capacity = seen.getExtensionByUrl(Capacity.URL);
    renamed.setName("Eastside Refuge places");
    renamed.getExtensionByUrl(Capacity.URL).getExtensionByUrl("status").setValue(new org.hl7.fhir.r4.model.CodeType("no-capacity"));
    fhirAs(ADMIN).update().resource(renamed).execute();

    assertThat(published.status()).isEqualTo(200);
    assertThat(byAnother.status()).isEqualTo(403);
    assertThat(byAnother.passageCode()).isEqualTo("PASSAGE-3004");
    assertThat(part(capacity, "status")).isEqualTo("capacity");
    assertThat(part(capacity, "available")).isEqualTo("3");
    assertThat(part(capacity, "maximum")).isEqualTo("8");
    assertThat(part(capacity, "held")).isEqualTo("0");
    assertThat(capacity.getExtensionByUrl("updated")).isNotNull();
    Extension coarse = seenByAnother.getExtensionByUrl(Capacity.URL);
    assertThat(part(coarse, "status")).as("another site sees the shelter's status").isEqualTo("capacity");
    assertThat(coarse.getExtensionByUrl("available")).as("but never its numbers").isNull();
    assertThat(coarse.getExtensionByUrl("held")).isNull();
    assertThat(coarse.getExtensionByUrl("maximum")).isNull();
    assertThat(part(read(http()).getExtensionByUrl(Capacity.URL), "status"))
        .as("an update other than $capacity keeps the capacity its site published").isEqualTo("capacity");
  }

  @Test
  void whenAStatusOutlivesItsRefreshIntervalThenItIsAnsweredAsStaleAndNotFoundAsCurrent() {
    HealthcareService old = NetworkBuilders.service("hs-shelter-3-gbv", SHELTER, "gbv-support");
    new Capacity("capacity", 2, 4, "places", Instant.now().minusSeconds(2 * 86400), null,
        Instant.now().minusSeconds(86400)).writeTo(old, null);
    fhirAs(ADMIN).update().resource(old).execute();
    publish(shelter(), "capacity", 3, 8);

    HealthcareService seen = fhirAs(SITE).read().resource(HealthcareService.class).withId("hs-shelter-3-gbv").execute();
    List<String> current = ids(http().get("/fhir/HealthcareService?capacity-status=capacity&site-type=womens-shelter"));
    List<String> stale = ids(http().get("/fhir/HealthcareService?capacity-status=stale"));

    assertThat(part(seen.getExtensionByUrl(Capacity.URL), "status")).isEqualTo("stale");
    assertThat(current).contains(PLACE).doesNotContain("hs-shelter-3-gbv");
    assertThat(stale).contains("hs-shelter-3-gbv").doesNotContain(PLACE);
  }

  @Test
  void whenServicesAreSearchedByEachCharacteristicThenOnlyThoseDeclaringItAreFound() {
    assertThat(ids(http().get("/fhir/HealthcareService?characteristic=" + ELIGIBILITY + "%7Caccepts-ost"))).contains(PLACE);
    assertThat(ids(http().get("/fhir/HealthcareService?characteristic=accepts-children&service-type=shelter")))
        .contains(PLACE);
    assertThat(ids(http().get("/fhir/HealthcareService?characteristic=women-only&site-type=womens-shelter")))
        .contains(PLACE);
    assertThat(ids(http().get("/fhir/HealthcareService?characteristic=accepts-current-drug-use"))).doesNotContain(PLACE);
    assertThat(ids(http().get("/fhir/HealthcareService?characteristic=accepts-pregnant"))).doesNotContain(PLACE);
    assertThat(ids(http().get("/fhir/HealthcareService?site-type=antenatal-clinic"))).doesNotContain(PLACE)
        .contains("hs-anc-1-pmtct");
  }

  @Test
  void whenTwoSitesHoldTheLastPlaceAtOnceThenExactlyOneGetsIt() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 1; round <= 5; round++) {
        publish(shelter(), "capacity", round, 8);
        List<Callable<Response>> both = List.of(() -> hold(http()), () -> hold(httpAs("demo-site-tb-1")));
        List<Integer> statuses = new ArrayList<>();
        for (Future<Response> answer : pool.invokeAll(both)) {
          statuses.add(answer.get().status());
        }
        assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(200, 409);
        assertThat(part(read(http()).getExtensionByUrl(Capacity.URL), "status"))
            .as("to other sites the shelter shows no place, not a count").isEqualTo("no-capacity");
        assertThat(part(read(shelter()).getExtensionByUrl(Capacity.URL), "available")).isEqualTo("0");
      }
    } finally {
      pool.shutdown();
    }
    Response none = hold(http());
    assertThat(none.status()).isEqualTo(409);
    assertThat(none.passageCode()).isEqualTo("PASSAGE-8002");
  }

  @Test
  void whenAHoldExpiresThenItsPlaceIsFreeAgain() {
    publish(shelter(), "capacity", 1, 8);
    assertThat(hold(http()).status()).isEqualTo(200);
    assertThat(part(read(shelter()).getExtensionByUrl(Capacity.URL), "available")).isEqualTo("0");

    jdbc.update("update psg_capacity_hold set expires_at = ? where service_id = ?",
        Timestamp.from(Instant.now().minusSeconds(1)), PLACE);

    assertThat(part(read(shelter()).getExtensionByUrl(Capacity.URL), "available")).isEqualTo("1");
    assertThat(hold(http()).status()).isEqualTo(200);
  }

  @Test
  void whenAHeldReferralIsAcceptedThenThePlaceIsOccupiedAndWhenOneIsRejectedItIsGivenBack() {
    publish(shelter(), "capacity", 2, 8);
    String first = sendHolding(hold(http()));
    String second = sendHolding(hold(http()));
    assertThat(part(read(shelter()).getExtensionByUrl(Capacity.URL), "held")).isEqualTo("2");

    move(first, Task.TaskStatus.ACCEPTED, null);
    move(second, Task.TaskStatus.REJECTED, "no-current-drug-use-accepted");
    Extension after = read(shelter()).getExtensionByUrl(Capacity.URL);

    assertThat(part(after, "held")).as("one occupied until the shelter publishes again").isEqualTo("1");
    assertThat(part(after, "available")).isEqualTo("1");
    publish(shelter(), "capacity", 1, 8);
    assertThat(part(read(shelter()).getExtensionByUrl(Capacity.URL), "held")).isEqualTo("0");
  }

  @Test
  void whenAReferralNamesAHoldThatIsNotTheSitesThenItIsRefusedAndNothingIsWritten() {
    publish(shelter(), "capacity", 2, 8);
    Bundle referral = referral("housing", "someone-elses-hold");

    Response refused = http().send("POST", "/fhir", "application/fhir+json",
        FHIR.newJsonParser().encodeResourceToString(referral).getBytes(StandardCharsets.UTF_8));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.passageCode()).isEqualTo("PASSAGE-8003");
    assertThat(refused.body()).doesNotContain("someone-elses-hold");
  }

  @Test
  void whenAReferralNamesAHoldOnAnotherServiceThenItIsRefused() {
    publish(shelter(), "capacity", 2, 8);
    String heldElsewhere = FHIR.newJsonParser().parseResource(Parameters.class, hold(http()).body()).getParameter("hold")
        .getValue().primitiveValue();
    Bundle toOst = ReferralTransactions.newClientReferral(newPseudonym(), "hr-1", "ost-1", "ost", "ost-continuity",
        Instant.now());
    toOst.getEntry().stream().filter(e -> e.getResource() instanceof Task).forEach(e -> ((Task) e.getResource())
        .addInput().setType(new CodeableConcept(new Coding(HoldLifecycle.INPUT_SYSTEM, HoldLifecycle.HOLD, null)))
        .setValue(new StringType(heldElsewhere)));

    Response refused = http().send("POST", "/fhir", "application/fhir+json",
        FHIR.newJsonParser().encodeResourceToString(toOst).getBytes(StandardCharsets.UTF_8));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.passageCode()).isEqualTo("PASSAGE-8003");
  }

  @Test
  void whenAReferralIsSentToAServiceThatDeclaresItCannotTakeHerThenTheResponseWarnsOfEachReason() {
    publish(shelter(), "no-capacity", 0, 8);

    Bundle sent = fhir().transaction().withBundle(referral("opioid-dependence", null)).execute();

    Bundle.BundleEntryComponent task = sent.getEntry().stream()
        .filter(e -> e.getResponse().getLocation().startsWith("Task/")).findFirst().orElseThrow();
    assertThat(task.getResponse().getOutcome()).isInstanceOf(OperationOutcome.class);
    assertThat(((OperationOutcome) task.getResponse().getOutcome()).getIssue().stream()
        .filter(i -> i.getSeverity() == OperationOutcome.IssueSeverity.WARNING)).extracting(i -> i.getDiagnostics())
        .containsExactlyInAnyOrder("The service this referral is sent to declares that it has no place now",
            "The service this referral is sent to does not declare that it accepts women who currently use drugs");
  }

  @Test
  void whenAShelterLocationIsWrittenAnywhereThenItIsRefused() {
    HealthcareService located = fhirAs(ADMIN).read().resource(HealthcareService.class).withId(PLACE).execute();
    located.addCoverageArea().setDisplay("Eastside, behind the market");
    Response service = httpAs(ADMIN).send("PUT", "/fhir/HealthcareService/" + PLACE, "application/fhir+json",
        FHIR.newJsonParser().encodeResourceToString(located).getBytes(StandardCharsets.UTF_8));
    Bundle referral = referral("housing", null);
    referral.getEntry().stream().filter(e -> e.getResource() instanceof org.hl7.fhir.r4.model.ServiceRequest)
        .forEach(e -> ((org.hl7.fhir.r4.model.ServiceRequest) e.getResource()).addLocationCode().setText("12 Hill Street"));
    Response referred = http().send("POST", "/fhir", "application/fhir+json",
        FHIR.newJsonParser().encodeResourceToString(referral).getBytes(StandardCharsets.UTF_8));

    assertThat(service.status()).isEqualTo(422);
    assertThat(service.passageCode()).isEqualTo("PASSAGE-8005");
    assertThat(service.body()).doesNotContain("behind the market");
    assertThat(referred.status()).isEqualTo(422);
    assertThat(referred.passageCode()).isEqualTo("PASSAGE-8005");
    assertThat(referred.body()).doesNotContain("Hill Street");
  }

  @Test
  void whenANewShelterAndALocatedServiceAreCreatedTogetherThenTheTransactionIsRefused() {
    Bundle together = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    together.addEntry().setFullUrl("Organization/shelter-4")
        .setResource(NetworkBuilders.site("shelter-4", "Westside Refuge", "womens-shelter")).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Organization/shelter-4");
    HealthcareService located = NetworkBuilders.service("hs-shelter-4-place", "shelter-4", "shelter");
    located.addCoverageArea().setDisplay("Westside, above the pharmacy");
    together.addEntry().setFullUrl("HealthcareService/hs-shelter-4-place").setResource(located).getRequest()
        .setMethod(Bundle.HTTPVerb.PUT)
        .setUrl("HealthcareService/hs-shelter-4-place");

    Response refused = httpAs(ADMIN).send("POST", "/fhir", "application/fhir+json",
        FHIR.newJsonParser().encodeResourceToString(together).getBytes(StandardCharsets.UTF_8));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.passageCode()).as(refused.body()).isEqualTo("PASSAGE-8005");
    assertThat(refused.body()).doesNotContain("pharmacy");
    assertThat(httpAs(ADMIN).get("/fhir/Organization/shelter-4").status()).as("nothing written").isEqualTo(404);
  }

  @Test
  void whenAnotherSiteReadsTheDirectoryReferralsAndHistoriesThenNoShelterLocationAppears() {
    List<String> bodies = new ArrayList<>();
    for (String path : List.of("/fhir/Organization?type=womens-shelter",
        "/fhir/HealthcareService?site-type=womens-shelter&_include=HealthcareService:organization",
        "/fhir/Task?owner=Organization/shelter-1&_include=Task:focus", "/fhir/Task/task-shelter-1/_history",
        "/fhir/ServiceRequest/sr-shelter-1/_history", "/fhir/HealthcareService/hs-shelter-1-place/_history")) {
      Response answer = http().get(path);
      assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(200);
      bodies.add(answer.body());
    }
    assertThat(bodies).allSatisfy(body -> assertThat(body)
        .doesNotContain("\"address\"", "\"location\"", "\"coverageArea\"", "\"locationCode\"", "\"locationReference\""));
    assertThat(bodies.get(1)).as("the search found the shelters' services").contains("hs-shelter-1-place");
  }

  @Test
  void whenTheDemoNetworkIsLoadedThenItsShelterAndClinicsPublishCapacityAndWhoTheyAccept() {
    HealthcareService place = fhirAs("demo-site-shelter-1").read().resource(HealthcareService.class)
        .withId("hs-shelter-1-place").execute();
    HealthcareService pmtct = fhirAs(SITE).read().resource(HealthcareService.class).withId("hs-anc-1-pmtct").execute();

    assertThat(part(place.getExtensionByUrl(Capacity.URL), "unit")).isEqualTo("places");
    assertThat(place.getCharacteristic()).extracting(c -> c.getCodingFirstRep().getCode())
        .contains("women-only", "accepts-ost").doesNotContain("accepts-current-drug-use");
    assertThat(part(pmtct.getExtensionByUrl(Capacity.URL), "status")).isIn("capacity", "stale");
    assertThat(ids(http().get("/fhir/HealthcareService?characteristic=accepts-current-drug-use&site-type=antenatal-clinic")))
        .contains("hs-anc-1-pmtct");
  }

  private Bundle referral(String reason, String hold) {
    Bundle bundle = ReferralTransactions.newClientReferral(newPseudonym(), "hr-1", SHELTER, "shelter", reason, Instant.now());
    if (hold != null) {
      bundle.getEntry().stream().filter(e -> e.getResource() instanceof Task).forEach(e -> ((Task) e.getResource())
          .addInput().setType(new CodeableConcept(new Coding(HoldLifecycle.INPUT_SYSTEM, HoldLifecycle.HOLD, null)))
          .setValue(new StringType(hold)));
    }
    return bundle;
  }

  private String sendHolding(Response hold) {
    assertThat(hold.status()).isEqualTo(200);
    String id = FHIR.newJsonParser().parseResource(Parameters.class, hold.body()).getParameter("hold").getValue().primitiveValue();
    return idOf(fhir().transaction().withBundle(referral("housing", id)).execute(), "Task");
  }

  private void move(String taskId, Task.TaskStatus status, String rejection) {
    DemoCredentials.Client first = DemoCredentials.client("demo-site-shelter-1");
    IGenericClient shelter = fhirAs(new DemoCredentials.Client("demo-site-shelter-3", "Organization/" + SHELTER, "site",
        first.scope(), first.privateKey()));
    Task task = shelter.read().resource(Task.class).withId(taskId).execute().setStatus(status);
    if (rejection != null) {
      task.setStatusReason(new CodeableConcept(new Coding(PassageTerminology.REJECTION_REASON, rejection, null)));
    }
    shelter.update().resource(task).execute();
  }

  private Response publish(RawHttp as, String status, int available, int maximum) {
    Parameters parameters = new Parameters();
    parameters.addParameter().setName("status").setValue(new org.hl7.fhir.r4.model.CodeType(status));
    parameters.addParameter().setName("available").setValue(new org.hl7.fhir.r4.model.IntegerType(available));
    parameters.addParameter().setName("maximum").setValue(new org.hl7.fhir.r4.model.IntegerType(maximum));
    parameters.addParameter().setName("unit").setValue(new org.hl7.fhir.r4.model.CodeType("places"));
    parameters.addParameter().setName("refreshInterval").setValue(new org.hl7.fhir.r4.model.Duration()
        .setValue(1).setSystem("http://unitsofmeasure.org").setCode("d"));
    return as.send("POST", "/fhir/HealthcareService/" + PLACE + "/$capacity", "application/fhir+json",
        FHIR.newJsonParser().encodeResourceToString(parameters).getBytes(StandardCharsets.UTF_8));
  }

  private Response hold(RawHttp as) {
    return as.send("POST", "/fhir/HealthcareService/" + PLACE + "/$hold", null, null);
  }

  private HealthcareService read(RawHttp as) {
    Response response = as.get("/fhir/HealthcareService/" + PLACE);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return FHIR.newJsonParser().parseResource(HealthcareService.class, response.body());
  }

  private static String part(Extension capacity, String name) {
    Extension part = capacity.getExtensionByUrl(name);
    return part == null ? null : part.getValue().primitiveValue();
  }

  private static List<String> ids(Response search) {
    assertThat(search.status()).as(search.body()).isEqualTo(200);
    return FHIR.newJsonParser().parseResource(Bundle.class, search.body()).getEntry().stream()
        .map(e -> e.getResource().getIdElement().getIdPart()).toList();
  }
}
