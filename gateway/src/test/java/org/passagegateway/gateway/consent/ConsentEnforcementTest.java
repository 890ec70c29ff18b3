package org.passagegateway.gateway.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passagegateway.gateway.support.TransactionResponses.idOf;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RawHttp.Response;
import org.passagegateway.terminology.PassageTerminology;
import org.passagegateway.testdata.NetworkBuilders;
import org.passagegateway.testdata.ReferralTransactions;

/**
 * The client's consent decides what every read path shows a site other than the custodian: over
 * HTTP, on the demo network and on referrals sent by the tests, each path is tried for a leak.
 */
class ConsentEnforcementTest extends H2GatewayTest {

  private static final String ANC = "demo-site-anc-1";
  private static final String TB = "demo-site-tb-1";
  private static final String FHIR_JSON = "application/fhir+json";

  /** What a withheld reason or category could leave behind in a response (a narrative's div included). */
  private static final List<String> TRACES = List.of("opioid-dependence", "ETH", "\"security\"", "security-label",
      "redact", "\"div\"");

  @Test
  void whenTheAntenatalClinicReadsItsReferralThenTheReasonHerConsentWithholdsIsGoneWithoutTrace() {
    String version = fhirAs(ANC).read().resource(ServiceRequest.class).withId("sr-anc-1").execute().getIdElement()
        .getVersionIdPart();
    for (String path : List.of("/fhir/ServiceRequest/sr-anc-1", "/fhir/ServiceRequest/sr-anc-1/_history/" + version,
        "/fhir/ServiceRequest/sr-anc-1/_history", "/fhir/ServiceRequest?_id=sr-anc-1",
        "/fhir/ServiceRequest?_id=sr-anc-1&_elements=reasonCode,code",
        "/fhir/Task?_id=task-anc-1&_include=Task:focus",
        "/fhir/Task?_id=task-anc-1&_include=Task:patient&_include:iterate=ServiceRequest:subject&_include=Task:focus",
        "/fhir/Patient?_id=client-1&_revinclude=ServiceRequest:subject")) {
      Response shown = httpAs(ANC).get(path);
      assertThat(shown.status()).as(path).isEqualTo(200);
      assertThat(shown.body()).as(path).contains("pregnancy-care").doesNotContain(TRACES);
    }
    Response summary = httpAs(ANC).get("/fhir/ServiceRequest?_id=sr-anc-1&_summary=true");
    assertThat(summary.body()).contains("sr-anc-1").doesNotContain(TRACES);
    assertThat(http().get("/fhir/ServiceRequest/sr-anc-1").body()).as("the custodian sees all of it")
        .contains("pregnancy-care").contains("opioid-dependence");
  }

  @Test
  void whenASiteReadsInABatchThenEachEntryIsDecidedAsAReadWouldBe() {
    Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
    batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("ServiceRequest/sr-anc-1");
    batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("ServiceRequest/sr-tb-1");
    batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("ServiceRequest?_id=sr-anc-1,sr-tb-1");

    Response answer = post(ANC, "/fhir", batch);
    assertThat(answer.status()).isEqualTo(200);
    Bundle entries = parse(answer.body());
    assertThat(entries.getEntry().get(0).getResponse().getStatus()).startsWith("200");
    assertThat(entries.getEntry().get(1).getResponse().getStatus()).startsWith("404");
    assertThat(answer.body()).contains("pregnancy-care").doesNotContain(TRACES).doesNotContain("presumptive-tb");
  }

  @Test
  void whenTheClientsConsentNoLongerNamesASiteThenItSeesNothingAndCannotTellWhetherAnythingExists() {
    Sent sent = send(ReferralTransactions.newClientReferral(newPseudonym(), "hr-1", "tb-1", "tb",
        "presumptive-tb", Instant.now()));
    assertThat(httpAs(TB).get("/fhir/Task/" + sent.task()).status()).as("permitted at first").isEqualTo(200);
    assertThat(httpAs(TB).get("/fhir/Patient/" + sent.client()).status()).isEqualTo(200);
    recordConsent(sent.client(), List.of("anc-1"));

    Response missing = httpAs(TB).get("/fhir/Task/" + UUID.randomUUID());
    assertThat(missing.status()).isEqualTo(404);
    for (String path : List.of("/fhir/Task/" + sent.task(), "/fhir/Task/" + sent.task() + "/_history",
        "/fhir/Task/" + sent.task() + "/_history/1", "/fhir/ServiceRequest/" + sent.referral(),
        "/fhir/Patient/" + sent.client(), "/fhir/Consent/" + sent.consent())) {
      Response withheld = httpAs(TB).get(path);
      assertThat(withheld.status()).as(path).isEqualTo(404);
      assertThat(withheld.body()).as(path).isEqualTo(missing.body());
    }
    for (String path : List.of("/fhir/Task?_id=" + sent.task(), "/fhir/Task?_id=" + sent.task() + "&_include=Task:focus",
        "/fhir/Task?owner=Organization/tb-1&_id=" + sent.task(), "/fhir/ServiceRequest?subject=Patient/" + sent.client(),
        "/fhir/Patient?_id=" + sent.client() + "&_revinclude=Task:patient", "/fhir/Task?_id=" + sent.task() + "&_count=1",
        "/fhir/Organization?_id=tb-1&_revinclude=Task:owner&_count=500")) {
      Response search = httpAs(TB).get(path);
      assertThat(search.status()).as(path).isEqualTo(200);
      Bundle found = parse(search.body());
      assertThat(entryIds(found)).as(path).doesNotContain(sent.task(), sent.referral(), sent.client());
      assertThat(found.hasTotal()).as(path).isFalse();
      assertThat(found.getLink(Bundle.LINK_NEXT)).as(path).isNull();
    }
    assertThat(httpAs(TB).get("/fhir/Task?_id=" + sent.task() + "&_summary=count").status()).isEqualTo(400);
    assertThat(httpAs(TB).get("/fhir/Task?_id=" + sent.task() + "&_total=accurate").status()).isEqualTo(400);

    Task accepted = fhir().read().resource(Task.class).withId(sent.task()).execute().setStatus(Task.TaskStatus.ACCEPTED);
    Response update = httpAs(TB).send("PUT", "/fhir/Task/" + sent.task(), FHIR_JSON, json(accepted));
    assertThat(update.status()).isEqualTo(404);
    assertThat(update.body()).isEqualTo(missing.body());
    assertThat(fhir().read().resource(Task.class).withId(sent.task()).execute().getStatus())
        .isEqualTo(Task.TaskStatus.REQUESTED);

    Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
    batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Task/" + sent.task());
    Response answer = post(TB, "/fhir", batch);
    assertThat(parse(answer.body()).getEntryFirstRep().getResponse().getStatus()).startsWith("404");
    assertThat(answer.body()).doesNotContain("presumptive-tb");
  }

  @Test
  void whenTheClientRevokesThenAPageLinkObtainedBeforeShowsNothing() {
    List<Sent> referrals = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      referrals.add(send(ReferralTransactions.newClientReferral(newPseudonym(), "hr-1", "tb-1", "tb",
          "presumptive-tb", Instant.now())));
    }
    String ids = String.join(",", referrals.stream().map(Sent::task).toList());
    Bundle first = fhirAs(TB).search().byUrl("Task?_id=" + ids + "&_count=1").returnBundle(Bundle.class).execute();
    assertThat(first.getEntry()).hasSize(1);
    String next = first.getLink(Bundle.LINK_NEXT).getUrl();

    for (Sent referral : referrals) {
      fhir().operation().onInstance(new IdType("Consent", referral.consent())).named("$revoke")
          .withNoParameters(Parameters.class).returnResourceType(Consent.class).execute();
    }

    String self = first.getLink(Bundle.LINK_SELF).getUrl();
    for (String link : List.of(next, self)) {
      Response page = httpAs(TB).get(link.substring(link.indexOf("/fhir")));
      assertThat(page.status()).isEqualTo(200);
      Bundle shown = parse(page.body());
      assertThat(shown.getEntry()).as(link).isEmpty();
      assertThat(shown.hasTotal()).isFalse();
      assertThat(shown.getLink(Bundle.LINK_NEXT)).as(link).isNull();
    }
    for (Sent referral : referrals) {
      assertThat(httpAs(TB).get("/fhir/Task/" + referral.task()).status()).isEqualTo(404);
    }
    assertThat(fhir().read().resource(Task.class).withId(referrals.get(0).task()).execute()).as("the custodian keeps it")
        .isNotNull();
  }

  @Test
  void whenAReferralIsSentWithoutAConsentPermittingItsOwnerThenRefusedAndNothingIsWritten() {
    String pseudonym = newPseudonym();
    Bundle withoutConsent = ReferralTransactions.newClientReferral(pseudonym, "hr-1", "tb-1", "tb", "presumptive-tb",
        Instant.now());
    withoutConsent.getEntry().removeIf(entry -> entry.getResource() instanceof Consent);
    Bundle otherSite = ReferralTransactions.newClientReferral(pseudonym, "hr-1", "tb-1", "tb", "presumptive-tb",
        Instant.now());
    consentIn(otherSite).getProvision().getActorFirstRep().setReference(new Reference("Organization/anc-1"));
    Bundle withholdingWhatItIsAbout = ReferralTransactions.newClientReferral(pseudonym, "hr-1", "anc-1", "prenatal-care",
        "pregnancy-care", Instant.now(), List.of("SEX"));

    for (Bundle refused : List.of(withoutConsent, otherSite, withholdingWhatItIsAbout)) {
      Response answer = post(SITE, "/fhir", refused);
      assertThat(answer.status()).isEqualTo(422);
      assertThat(answer.passageCode()).isEqualTo("PASSAGE-5002");
      assertThat(answer.outcome().getIssueFirstRep().getDiagnostics()).contains("consent")
          .doesNotContain(pseudonym).doesNotContain("tb-1").doesNotContain("anc-1");
    }
    assertThat(fhir().search().forResource(Patient.class)
        .where(Patient.IDENTIFIER.exactly().systemAndCode(PassageTerminology.CLIENT_PSEUDONYM, pseudonym))
        .returnBundle(Bundle.class).execute().getEntry()).isEmpty();
  }

  @Test
  void whenAPermittedReferralCarriesAWithheldReasonThenTheOwnerReceivesItWithoutThatReasonOrTheNarrative() {
    Bundle referral = ReferralTransactions.newClientReferral(newPseudonym(), "hr-1", "anc-1",
        "prenatal-care", "pregnancy-care", Instant.now(), List.of("ETH"));
    ServiceRequest request = referralIn(referral);
    request.addReasonCode(new CodeableConcept(new Coding(PassageTerminology.REFERRAL_REASON, "opioid-dependence", null)));
    Narrative narrative = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
    narrative.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">Pregnant; injects heroin daily</div>");
    request.setText(narrative);
    Sent sent = send(referral);

    Response received = httpAs(ANC).get("/fhir/Task?_id=" + sent.task() + "&_include=Task:focus");
    assertThat(received.body()).contains(sent.task()).contains(sent.referral()).contains("pregnancy-care")
        .doesNotContain(TRACES).doesNotContain("heroin");
    assertThat(http().get("/fhir/ServiceRequest/" + sent.referral()).body()).contains("opioid-dependence")
        .contains("heroin");
  }

  @Test
  void whenClientDataContainsResourcesThenRefusedAndNothingIsWritten() {
    String pseudonym = newPseudonym();
    Patient client = NetworkBuilders.client(null, pseudonym, 1990);
    client.addContained(new org.hl7.fhir.r4.model.RelatedPerson().setPatient(new Reference("Patient/client-2"))
        .setId("partner"));
    client.addLink().setType(Patient.LinkType.SEEALSO).setOther(new Reference("#partner"));
    Response answer = httpAs(SITE).send("POST", "/fhir/Patient", FHIR_JSON, json(client));
    assertThat(answer.status()).isIn(400, 422);
    assertThat(answer.body()).containsIgnoringCase("contained");
    assertThat(fhir().search().forResource(Patient.class)
        .where(Patient.IDENTIFIER.exactly().systemAndCode(PassageTerminology.CLIENT_PSEUDONYM, pseudonym))
        .returnBundle(Bundle.class).execute().getEntry()).isEmpty();
  }

  @Test
  void whenASiteWritesAReferenceToAClientItMayNotSeeThenTheAnswerIsThatOfAClientWhoDoesNotExist() {
    Response hidden = httpAs(TB).send("POST", "/fhir/EpisodeOfCare", FHIR_JSON, json(episode("Patient/client-1")));
    Response missing = httpAs(TB).send("POST", "/fhir/EpisodeOfCare", FHIR_JSON,
        json(episode("Patient/" + UUID.randomUUID())));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(hidden.status()).isEqualTo(missing.status());
    assertThat(hidden.body().replace("client-1", "X")).isEqualTo(missing.body().replaceAll(
        "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "X"));
  }

  private static org.hl7.fhir.r4.model.EpisodeOfCare episode(String client) {
    org.hl7.fhir.r4.model.EpisodeOfCare episode = new org.hl7.fhir.r4.model.EpisodeOfCare();
    episode.setStatus(org.hl7.fhir.r4.model.EpisodeOfCare.EpisodeOfCareStatus.ACTIVE);
    episode.addType(new CodeableConcept(new Coding(PassageTerminology.SERVICE_TYPE, "tb", null)));
    episode.setPatient(new Reference(client));
    episode.setManagingOrganization(new Reference("Organization/tb-1"));
    episode.getPeriod().setStart(new java.util.Date());
    return episode;
  }

  private record Sent(String client, String referral, String task, String consent) {}

  private Sent send(Bundle referral) {
    Bundle response = fhir().transaction().withBundle(referral).execute();
    return new Sent(idOf(response, "Patient"), idOf(response, "ServiceRequest"), idOf(response, "Task"),
        idOf(response, "Consent"));
  }

  private void recordConsent(String client, List<String> recipients) {
    fhir().create().resource(NetworkBuilders.consent(null, client, "hr-1", recipients, NetworkBuilders.SENSITIVE_CATEGORIES,
        List.of(), Instant.now())).execute();
  }

  private Response post(String client, String path, Bundle bundle) {
    return httpAs(client).send("POST", path, FHIR_JSON, json(bundle));
  }

  private static byte[] json(org.hl7.fhir.r4.model.Resource resource) {
    return ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().encodeResourceToString(resource)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static Bundle parse(String body) {
    return ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, body);
  }

  private static List<String> entryIds(Bundle bundle) {
    return bundle.getEntry().stream().map(entry -> entry.getResource().getIdElement().getIdPart()).toList();
  }

  private static Consent consentIn(Bundle transaction) {
    return transaction.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
        .filter(Consent.class::isInstance).map(Consent.class::cast).findFirst().orElseThrow();
  }

  private static ServiceRequest referralIn(Bundle transaction) {
    return transaction.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
        .filter(ServiceRequest.class::isInstance).map(ServiceRequest.class::cast).findFirst().orElseThrow();
  }
}
