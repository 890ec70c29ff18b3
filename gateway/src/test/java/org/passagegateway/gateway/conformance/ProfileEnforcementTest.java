package org.passagegateway.gateway.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.passagegateway.gateway.support.PackageExamples;
import org.passagegateway.gateway.support.DemoWriters;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RawHttp;
import org.passagegateway.terminology.PassageTerminology;

/**
 * Writes that do not conform to their Passage profile are refused over HTTP with a 422, PASSAGE-2006
 * and the FHIRPath expression of the problem, and nothing is written. Each case starts from a
 * conforming package example and breaks one thing.
 */
class ProfileEnforcementTest extends H2GatewayTest {

  private static final AtomicInteger IDS = new AtomicInteger();
  private static final String TEST_TAGS = "urn:passage:test";

  @Autowired ProfileValidator validator;

  static Stream<Arguments> invalidInstances() {
    return Stream.of(
        // Client
        invalid("client without a pseudonym", "Patient/client-1",
            (Patient p) -> p.getIdentifier().clear(), "Patient.identifier"),
        invalid("client with a full birth date", "Patient/client-1",
            (Patient p) -> p.setBirthDateElement(new DateType("1996-04-17")), "Patient.birthDate"),
        invalid("client with a contact person", "Patient/client-1",
            (Patient p) -> p.addContact().getName().setFamily("Doe"), "Patient.contact"),
        invalid("client with a pseudonym of another system", "Patient/client-1",
            (Patient p) -> p.getIdentifierFirstRep().setSystem("urn:example:mrn"), "Patient.identifier"),
        // Site
        invalid("site without a site type", "Organization/anc-1",
            (Organization o) -> o.getType().clear(), "Organization.type"),
        invalid("site with an unknown site type", "Organization/anc-1",
            (Organization o) -> o.getTypeFirstRep().getCodingFirstRep().setCode("casino"), "Organization.type[0]"),
        invalid("shelter publishing its address", "Organization/shelter-1",
            (Organization o) -> o.addAddress(new Address().setCity("Eastgate")), "Organization"),
        invalid("site without a site code", "Organization/anc-1",
            (Organization o) -> o.getIdentifier().clear(), "Organization.identifier"),
        // Endpoint
        invalid("endpoint over plain HTTP", "Endpoint/hr-1-fhir",
            (Endpoint e) -> e.setAddress("http://ehr.example.org/fhir"), "Endpoint.address"),
        invalid("endpoint managed by a client", "Endpoint/hr-1-fhir",
            (Endpoint e) -> e.setManagingOrganization(new Reference("Patient/client-1")), "Endpoint.managingOrganization"),
        // HealthcareService
        invalid("service without its site", "HealthcareService/hs-hr-1-nsp",
            (HealthcareService s) -> s.setProvidedBy(null), "HealthcareService.providedBy"),
        invalid("service of a package group, not a service", "HealthcareService/hs-hr-1-nsp",
            (HealthcareService s) -> s.getTypeFirstRep().getCodingFirstRep().setCode("harm-reduction-package"),
            "HealthcareService.type[0]"),
        // Referral
        invalid("referral without a reason", "ServiceRequest/sr-anc-1",
            (ServiceRequest r) -> r.getReasonCode().clear(), "ServiceRequest.reasonCode"),
        invalid("referral with a free-text reason only", "ServiceRequest/sr-anc-1",
            (ServiceRequest r) -> r.getReasonCode().set(0, new CodeableConcept().setText("pregnant")),
            "ServiceRequest.reasonCode[0]"),
        invalid("referral for a code outside the service types", "ServiceRequest/sr-anc-1",
            (ServiceRequest r) -> r.getCode().getCodingFirstRep().setSystem("http://snomed.info/sct").setCode("77386006"),
            "ServiceRequest.code"),
        invalid("referral to a client instead of a site", "ServiceRequest/sr-anc-1",
            (ServiceRequest r) -> r.getPerformer().set(0, new Reference("Patient/client-2")), "ServiceRequest.performer[0]"),
        // Referral Task
        invalid("task in a status outside the workflow", "Task/task-anc-1",
            (Task t) -> t.setStatus(Task.TaskStatus.READY), "Task.status"),
        invalid("task owned by a client", "Task/task-anc-1",
            (Task t) -> t.setOwner(new Reference("Patient/client-2")), "Task.owner"),
        invalid("task with another code than fulfill", "Task/task-anc-1",
            (Task t) -> t.getCode().getCodingFirstRep().setCode("approve"), "Task.code"),
        invalid("rejected task without a coded reason", "Task/task-shelter-1-rejected",
            (Task t) -> t.setStatusReason(new CodeableConcept().setText("full")), "Task"),
        invalid("task whose focus is not a referral", "Task/task-anc-1",
            (Task t) -> t.setFocus(new Reference("Patient/client-1")), "Task.focus"),
        // Consent
        invalid("consent without the client as performer", "Consent/consent-client-1",
            (Consent c) -> c.getPerformer().clear(), "Consent.performer"),
        invalid("consent with another scope", "Consent/consent-client-1",
            (Consent c) -> c.getScope().getCodingFirstRep().setCode("treatment"), "Consent.scope"),
        invalid("consent label outside the data categories", "Consent/consent-client-1",
            (Consent c) -> c.getProvision().getProvisionFirstRep().getSecurityLabelFirstRep().setCode("N"),
            "Consent.provision.provision[0].securityLabel[0]"),
        invalid("consent for marketing", "Consent/consent-client-1",
            (Consent c) -> c.getProvision().getPurposeFirstRep().setCode("HMARKT"), "Consent.provision.purpose[0]"),
        invalid("consent naming a client as recipient", "Consent/consent-client-3",
            (Consent c) -> c.getProvision().getActorFirstRep().setReference(new Reference("Patient/client-1")),
            "Consent.provision.actor[0].reference"),
        // Service episode
        invalid("finished episode without an end", "EpisodeOfCare/eoc-shelter-stay",
            (EpisodeOfCare e) -> e.getPeriod().setEnd(null), "EpisodeOfCare"),
        invalid("episode carrying a diagnosis", "EpisodeOfCare/eoc-ost-1",
            (EpisodeOfCare e) -> e.addDiagnosis().setCondition(new Reference("Condition/x")), "EpisodeOfCare.diagnosis"),
        invalid("episode for a package group", "EpisodeOfCare/eoc-ost-1",
            (EpisodeOfCare e) -> e.getTypeFirstRep().getCodingFirstRep().setCode("prison-package"), "EpisodeOfCare.type[0]"),
        // Audit event
        invalid("audit event without an outcome", "AuditEvent/audit-disclosure",
            (AuditEvent a) -> a.setOutcome(null), "AuditEvent.outcome"),
        invalid("audit event carrying a payload", "AuditEvent/audit-disclosure",
            (AuditEvent a) -> a.getEntityFirstRep().addDetail().setType("note").setValue(new StringType("HIV positive")),
            "AuditEvent.entity[0].detail"),
        invalid("audit event whose agent is a client", "AuditEvent/audit-disclosure",
            (AuditEvent a) -> a.getAgentFirstRep().setWho(new Reference("Patient/client-1")), "AuditEvent.agent[0].who"),
        invalid("audit event without an agent", "AuditEvent/audit-disclosure",
            (AuditEvent a) -> a.getAgent().clear(), "AuditEvent.agent"),
        invalid("consent decision that says neither permit nor deny", "AuditEvent/audit-consent-deny",
            (AuditEvent a) -> a.getSubtype().clear(), "AuditEvent"),
        invalid("audit event of a type outside the log's", "AuditEvent/audit-disclosure",
            (AuditEvent a) -> a.setType(new Coding("http://dicom.nema.org/resources/ontology/DCM", "110100", "Application Activity")),
            "AuditEvent.type"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidInstances")
  void whenANonConformingResourceIsWrittenThenItIsRefusedWithItsExpressionAndNotStored(
      String name, Resource resource, String expression, String writer) {
    if (writer == null) {
      // Audit events are written by the gateway alone, and validated there: no client may write one.
      OperationOutcome outcome = new OperationOutcome();
      validator.errors(resource, resource.fhirType()).forEach(outcome::addIssue);
      assertThat(expressions(outcome)).as(name).contains(expression);
      return;
    }
    String marker = "invalid-" + IDS.incrementAndGet();
    resource.getMeta().addTag(TEST_TAGS, marker, null);
    IGenericClient client = fhirAs(writer);

    assertThatThrownBy(() -> client.create().resource(resource).execute())
        .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
          OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
          assertThat(outcome.getIssueFirstRep().getDiagnostics()).startsWith("PASSAGE-2006: The " + resource.fhirType());
          assertThat(outcome.getIssue()).allSatisfy(issue ->
              assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("PASSAGE-2006"));
          assertThat(expressions(outcome)).as(name).contains(expression);
        });
    Bundle stored = client.search().forResource(resource.getClass())
        .withTag(TEST_TAGS, marker).returnBundle(Bundle.class).execute();
    assertThat(stored.getEntry()).isEmpty();
  }

  @Test
  void whenAnyClientWritesAnAuditEventThenRefused() {
    // The log is served from Passage's own tables and offers no create, update or delete at all.
    AuditEvent event = PackageExamples.get("AuditEvent/audit-disclosure");
    for (String client : List.of(SITE, AUDITOR, ADMIN)) {
      assertThatThrownBy(() -> fhirAs(client).create().resource(event.copy()).execute()).as(client)
          .isInstanceOfSatisfying(InvalidRequestException.class, e ->
              assertThat(((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep().getDiagnostics())
                  .contains("does not know how to handle POST operation[AuditEvent]"));
    }
  }

  @Test
  void whenASiteLeavesOutWhereAResourceComesFromThenTheGatewayRecordsItsOwnOrganization() {
    ServiceRequest referral = PackageExamples.get("ServiceRequest/sr-anc-1");
    referral.setRequester(null);
    Consent consent = PackageExamples.get("Consent/consent-client-1");
    consent.getOrganization().clear();
    // For the demo client without a consent, so that the demo network's consents stay in force.
    consent.setPatient(new Reference("Patient/client-5")).getPerformer().set(0, new Reference("Patient/client-5"));
    EpisodeOfCare episode = PackageExamples.get("EpisodeOfCare/eoc-ost-1");
    episode.setManagingOrganization(null);
    // One of the harm reduction site's own clients (the example's is the prison health unit's).
    episode.setPatient(new Reference("Patient/client-2")).getReferralRequest().clear();

    IGenericClient site = fhirAs(SITE);
    ServiceRequest storedReferral = (ServiceRequest) read(site, site.create().resource(referral).execute());
    Consent storedConsent = (Consent) read(site, site.create().resource(consent).execute());
    Resource storedEpisode = read(site, site.create().resource(episode).execute());

    assertThat(storedReferral.getRequester().getReference()).isEqualTo("Organization/hr-1");
    assertThat(storedConsent.getOrganization()).extracting(Reference::getReference).containsExactly("Organization/hr-1");
    assertThat(((EpisodeOfCare) storedEpisode).getManagingOrganization().getReference()).isEqualTo("Organization/hr-1");
  }

  private static Resource read(IGenericClient client, MethodOutcome created) {
    return (Resource) client.read().resource(created.getId().getResourceType())
        .withId(created.getId().toUnqualifiedVersionless()).execute();
  }

  @Test
  void whenAnInvalidValueIsRefusedThenTheValueIsNotEchoed() {
    Patient client = PackageExamples.get("Patient/client-1");
    client.setBirthDateElement(new DateType("1996-04-17"));
    client.getIdentifierFirstRep().setSystem("urn:example:mrn").setValue("MRN-SECRET-4711");

    assertThatThrownBy(() -> fhir().create().resource(client).execute())
        .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
          String body = e.getResponseBody();
          assertThat(body).contains("PASSAGE-2006").doesNotContain("MRN-SECRET-4711").doesNotContain("1996-04-17");
        });
  }

  @Test
  void whenAPatchWouldBreakTheProfileThenItIsRefusedAndTheResourceIsUnchanged() {
    Task task = PackageExamples.get("Task/task-anc-1");
    String id = fhir().create().resource(task).execute().getId().getIdPart();

    RawHttp.Response response = http().send("PATCH", "/fhir/Task/" + id, "application/json-patch+json",
        "[{\"op\":\"replace\",\"path\":\"/code/coding/0/code\",\"value\":\"approve\"}]"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(response.status()).isEqualTo(422);
    assertThat(response.passageCode()).isEqualTo("PASSAGE-2006");
    assertThat(expressions(response.outcome())).contains("Task.code");
    Task stored = fhir().read().resource(Task.class).withId(id).execute();
    assertThat(stored.getOwner().getReference()).isEqualTo("Organization/anc-1");
    assertThat(stored.getMeta().getVersionId()).isEqualTo("1");
  }

  @Test
  void whenAConformingResourceIsWrittenThenItIsStored() {
    ServiceRequest referral = PackageExamples.get("ServiceRequest/sr-shelter-1");
    referral.setSubject(new Reference("Patient/client-3"));

    String id = fhir().create().resource(referral).execute().getId().getIdPart();

    ServiceRequest stored = fhir().read().resource(ServiceRequest.class).withId(id).execute();
    assertThat(stored.getReasonCode()).extracting(c -> c.getCodingFirstRep().getCode())
        .containsExactly("violence-safety", "housing");
    assertThat(stored.getExtension().get(0).getExtensionByUrl("instruction").getValue())
        .isInstanceOfSatisfying(StringType.class, s -> assertThat(s.getValue()).startsWith("Do not phone"));
  }

  @Test
  void whenAClientDeclaresAProfileTheGatewayDoesNotKnowThenThePassageProfileDecides() {
    Patient client = PackageExamples.get("Patient/client-4");
    client.getMeta().addProfile("http://hl7.org/fhir/uv/ips/StructureDefinition/Patient-uv-ips");
    client.getIdentifierFirstRep().setValue(newPseudonym()); // a written client's pseudonym is an issued one

    String id = fhir().create().resource(client).execute().getId().getIdPart();

    assertThat(fhir().read().resource(Patient.class).withId(id).execute().getBirthDateElement()
        .getValueAsString()).isEqualTo("1987");
  }

  @Test
  void whenARejectedTaskCarriesACodedReasonThenItIsStored() {
    Task task = PackageExamples.get("Task/task-shelter-1-rejected");
    task.setStatus(Task.TaskStatus.REQUESTED).setStatusReason(null);
    String id = fhir().create().resource(task).execute().getId().getIdPart();

    Task rejected = fhirAs("demo-site-shelter-1").read().resource(Task.class).withId(id).execute();
    rejected.setStatus(Task.TaskStatus.REJECTED)
        .setStatusReason(new CodeableConcept(new Coding(PassageTerminology.REJECTION_REASON, "client-safety", null)));
    fhirAs("demo-site-shelter-1").update().resource(rejected).execute();

    assertThat(fhir().read().resource(Task.class).withId(id).execute().getStatusReason()
        .getCodingFirstRep().getCode()).isEqualTo("client-safety");
  }

  @Test
  void whenARejectionCarriesOnlyAFreeTextReasonThenItIsRefusedAndTheTaskStaysRequested() {
    Task task = PackageExamples.get("Task/task-shelter-1-rejected");
    task.setStatus(Task.TaskStatus.REQUESTED).setStatusReason(null);
    String id = fhir().create().resource(task).execute().getId().getIdPart();

    Task rejected = fhirAs("demo-site-shelter-1").read().resource(Task.class).withId(id).execute();
    rejected.setStatus(Task.TaskStatus.REJECTED).setStatusReason(new CodeableConcept().setText("full"));
    assertThatThrownBy(() -> fhirAs("demo-site-shelter-1").update().resource(rejected).execute())
        .isInstanceOfSatisfying(UnprocessableEntityException.class, e ->
            assertThat(((OperationOutcome) e.getOperationOutcome()).getIssue()).anySatisfy(issue ->
                assertThat(issue.getDetails().getText()).contains("passage-rejection-reason")));

    assertThat(fhir().read().resource(Task.class).withId(id).execute().getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
  }

  static List<String> expressions(OperationOutcome outcome) {
    return outcome.getIssue().stream()
        .flatMap((OperationOutcomeIssueComponent issue) -> issue.getExpression().stream())
        .map(StringType::getValue).toList();
  }

  private static <T extends Resource> Arguments invalid(String name, String example, Consumer<T> breakIt, String expression) {
    T resource = PackageExamples.get(example);
    String writer = DemoWriters.writerOf(resource).orElse(null);
    resource.setId((String) null);
    resource.getMeta().getProfile().clear(); // the gateway applies the profile whatever the client declares
    breakIt.accept(resource);
    return Arguments.of(name, resource, expression, writer);
  }
}
