package org.passagegateway.testdata;

import static org.passagegateway.terminology.PassageTerminology.CLIENT_PSEUDONYM;
import static org.passagegateway.terminology.PassageTerminology.REFERRAL_REASON;
import static org.passagegateway.terminology.PassageTerminology.SERVICE_TYPE;
import static org.passagegateway.terminology.PassageTerminology.SITE_CODE;
import static org.passagegateway.terminology.PassageTerminology.SITE_TYPE;
import static org.passagegateway.terminology.PassageTerminology.V3_ACT_CODE;
import static org.passagegateway.terminology.PassageTerminology.V3_ACT_REASON;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.passagegateway.profiles.PassageProfiles;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.passagegateway.terminology.PassageTerminology;

/**
 * Builders for the resources of a synthetic Passage network: member sites, the services they
 * offer, pseudonymous clients and referrals. Tests, the demo network and the benchmarks build
 * their fixtures with these instead of copying JSON around.
 */
public final class NetworkBuilders {

  /** The FHIR workflow task code for "fulfill the focal request". */
  public static final String TASK_CODE_SYSTEM = "http://hl7.org/fhir/CodeSystem/task-code";

  private static final String CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope";
  private static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

  private NetworkBuilders() {}

  /** A member site of the given Passage site type. */
  public static Organization site(String id, String name, String siteTypeCode) {
    Organization org = new Organization();
    org.setId(id);
    org.setActive(true);
    org.setName(name);
    org.addIdentifier().setSystem(SITE_CODE).setValue(id);
    org.addType().addCoding(new Coding(SITE_TYPE, siteTypeCode, null));
    return org;
  }

  /**
   * A site's registered FHIR REST endpoint (where its notifications may go), active, with the
   * headers the gateway sends there (each {@code Name: value}).
   */
  public static Endpoint endpoint(String id, String siteId, String address, String... headers) {
    Endpoint endpoint = new Endpoint();
    endpoint.setId(id);
    endpoint.setStatus(Endpoint.EndpointStatus.ACTIVE);
    endpoint.setConnectionType(new Coding("http://terminology.hl7.org/CodeSystem/endpoint-connection-type",
        "hl7-fhir-rest", null));
    endpoint.setManagingOrganization(new Reference("Organization/" + siteId));
    endpoint.addPayloadType().addCoding(new Coding("http://hl7.org/fhir/resource-types", "Task", null));
    endpoint.setAddress(address);
    for (String header : headers) {
      endpoint.addHeader(header);
    }
    return endpoint;
  }

  /** A service offered by a site, coded with a Passage service type. */
  public static HealthcareService service(String id, String siteId, String serviceTypeCode) {
    HealthcareService service = new HealthcareService();
    service.setId(id);
    service.setActive(true);
    service.setProvidedBy(new Reference("Organization/" + siteId));
    service.addType().addCoding(new Coding(SERVICE_TYPE, serviceTypeCode, null));
    return service;
  }

  /** The service, declaring who it accepts (codes of passage-eligibility). */
  public static HealthcareService accepting(HealthcareService service, String... eligibility) {
    for (String code : eligibility) {
      service.addCharacteristic(new CodeableConcept(new Coding(ELIGIBILITY, code, null)));
    }
    return service;
  }

  /**
   * The service with the capacity its site published {@code at}: a status (passage-capacity-status),
   * free and all places, and a daily refresh interval (so the status is current for a day).
   */
  public static HealthcareService capacity(HealthcareService service, String status, int available, int maximum,
      String unit, java.time.Instant at) {
    org.hl7.fhir.r4.model.Extension capacity = service.addExtension().setUrl(CAPACITY);
    capacity.addExtension("status", new org.hl7.fhir.r4.model.CodeType(status));
    capacity.addExtension("available", new org.hl7.fhir.r4.model.UnsignedIntType(available));
    capacity.addExtension("maximum", new org.hl7.fhir.r4.model.UnsignedIntType(maximum));
    capacity.addExtension("unit", new org.hl7.fhir.r4.model.CodeType(unit));
    capacity.addExtension("updated", new org.hl7.fhir.r4.model.DateTimeType(Date.from(at)));
    capacity.addExtension("refreshInterval", new org.hl7.fhir.r4.model.Duration().setValue(1)
        .setSystem("http://unitsofmeasure.org").setCode("d").setUnit("day"));
    capacity.addExtension("freshUntil", new org.hl7.fhir.r4.model.DateTimeType(Date.from(at.plusSeconds(86400))));
    return service;
  }

  /** Passage's eligibility characteristics and capacity extension. */
  public static final String ELIGIBILITY = PassageTerminology.CANONICAL_BASE + "/CodeSystem/passage-eligibility";
  public static final String CAPACITY = PassageTerminology.CANONICAL_BASE + "/StructureDefinition/passage-capacity";

  /**
   * A pseudonymous client: a network pseudonym, gender and birth year only; no name, address or
   * telecom.
   */
  public static Patient client(String id, String pseudonym, int birthYear) {
    Patient patient = clientWithoutPseudonym(id, birthYear);
    patient.addIdentifier().setSystem(CLIENT_PSEUDONYM).setValue(pseudonym);
    return patient;
  }

  /** A client whose network pseudonym is still to be issued (from her UIC) and added. */
  public static Patient clientWithoutPseudonym(String id, int birthYear) {
    Patient patient = new Patient();
    patient.setId(id);
    patient.setGender(AdministrativeGender.FEMALE);
    patient.setBirthDateElement(new DateType(String.valueOf(birthYear)));
    return patient;
  }

  /**
   * A referral of a client from one site to another for a Passage service type, with one or more
   * coded referral reasons.
   */
  public static ServiceRequest referral(
      String id,
      String clientId,
      String fromSiteId,
      String toSiteId,
      String serviceTypeCode,
      ServiceRequest.ServiceRequestPriority priority,
      Instant authoredOn,
      String... reasonCodes) {
    ServiceRequest request = new ServiceRequest();
    request.setId(id);
    request.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
    request.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
    request.setPriority(priority);
    request.setCode(new CodeableConcept(new Coding(SERVICE_TYPE, serviceTypeCode, null)));
    request.setSubject(new Reference("Patient/" + clientId));
    request.setRequester(new Reference("Organization/" + fromSiteId));
    request.addPerformer(new Reference("Organization/" + toSiteId));
    request.setAuthoredOn(Date.from(authoredOn));
    for (String reason : reasonCodes) {
      request.addReasonCode(new CodeableConcept(new Coding(REFERRAL_REASON, reason, null)));
    }
    return request;
  }

  /**
   * Adds the contact-safety instruction to a referral: whether the receiving site must not
   * contact the client, and how she may safely be contacted.
   */
  public static ServiceRequest contactSafety(ServiceRequest referral, boolean doNotContact, String instruction) {
    Extension safety = referral.addExtension().setUrl(PassageProfiles.CONTACT_SAFETY);
    safety.addExtension("doNotContact", new BooleanType(doNotContact));
    if (instruction != null) {
      safety.addExtension("instruction", new StringType(instruction));
    }
    return referral;
  }

  /** The workflow Task of a referral, in status {@code requested}, addressed to its performer. */
  public static Task referralTask(String id, ServiceRequest referral) {
    Task task = new Task();
    task.setId(id);
    task.setStatus(Task.TaskStatus.REQUESTED);
    task.setIntent(Task.TaskIntent.ORDER);
    task.setPriority(Task.TaskPriority.fromCode(referral.getPriority().toCode()));
    task.setCode(new CodeableConcept(new Coding(TASK_CODE_SYSTEM, "fulfill", "Fulfill the focal request")));
    task.setFocus(new Reference("ServiceRequest/" + referral.getIdElement().getIdPart()));
    task.setFor(referral.getSubject().copy());
    task.setRequester(referral.getRequester().copy());
    task.setOwner(referral.getPerformerFirstRep().copy());
    task.setAuthoredOn(referral.getAuthoredOn());
    task.setLastModified(referral.getAuthoredOn());
    return task;
  }

  /** The sensitivity categories Passage labels data with (HL7 v3 ActCode codes; SOC is Passage's own). */
  public static final List<String> SENSITIVE_CATEGORIES =
      List.of("ETH", "HIV", "SDV", "SEX", "STD", "PSY", "SOC", "LOCIS", "SSP");

  /**
   * A client's opt-in privacy consent, recorded by the custodian site: it permits disclosure of
   * her data that carries no sensitivity label to the given recipient sites for treatment and
   * care coordination, except the given sensitivity categories, from {@code recordedOn}.
   */
  public static Consent consent(String id, String clientId, String custodianSiteId, List<String> recipientSiteIds,
      List<String> deniedCategories, Instant recordedOn) {
    return consent(id, clientId, custodianSiteId, recipientSiteIds, List.of(), deniedCategories, recordedOn);
  }

  /**
   * A client's opt-in privacy consent, recorded by the custodian site: it permits disclosure to the
   * given recipient sites for treatment and care coordination of her data that carries no
   * sensitivity label and of the permitted sensitivity categories, and never of the denied ones,
   * from {@code recordedOn}.
   */
  public static Consent consent(String id, String clientId, String custodianSiteId, List<String> recipientSiteIds,
      List<String> permittedCategories, List<String> deniedCategories, Instant recordedOn) {
    Consent consent = new Consent();
    consent.setId(id);
    consent.setStatus(Consent.ConsentState.ACTIVE);
    consent.setScope(new CodeableConcept(new Coding(CONSENT_SCOPE, "patient-privacy", null)));
    consent.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", "Patient Consent")));
    consent.setPatient(new Reference("Patient/" + clientId));
    consent.addPerformer(new Reference("Patient/" + clientId));
    consent.addOrganization(new Reference("Organization/" + custodianSiteId));
    consent.setDateTime(Date.from(recordedOn));
    consent.setPolicyRule(new CodeableConcept(new Coding(V3_ACT_CODE, "OPTIN", null)));
    Consent.ProvisionComponent permit = consent.getProvision();
    permit.setType(Consent.ConsentProvisionType.PERMIT);
    permit.getPeriod().setStart(Date.from(recordedOn));
    for (String recipient : recipientSiteIds) {
      permit.addActor()
          .setRole(new CodeableConcept(new Coding(PARTICIPATION_TYPE, "IRCP", null)))
          .setReference(new Reference("Organization/" + recipient));
    }
    permit.addPurpose(new Coding(V3_ACT_REASON, "TREAT", null));
    permit.addPurpose(new Coding(V3_ACT_REASON, "COC", null));
    if (!permittedCategories.isEmpty()) {
      Consent.ProvisionComponent sensitive = permit.addProvision().setType(Consent.ConsentProvisionType.PERMIT);
      permittedCategories.forEach(category -> sensitive.addSecurityLabel(securityLabel(category)));
    }
    if (!deniedCategories.isEmpty()) {
      Consent.ProvisionComponent deny = permit.addProvision().setType(Consent.ConsentProvisionType.DENY);
      deniedCategories.forEach(category -> deny.addSecurityLabel(securityLabel(category)));
    }
    return consent;
  }

  /**
   * The consent with one more exception: her referrals are kept out of the network's aggregate
   * indicators (a deny for the purpose of use HPRGRP, health program reporting).
   */
  public static Consent optOutOfIndicators(Consent consent) {
    consent.getProvision().addProvision().setType(Consent.ConsentProvisionType.DENY)
        .addPurpose(new Coding(V3_ACT_REASON, "HPRGRP", null));
    return consent;
  }

  /** A sensitivity category as the security label that names it. */
  public static Coding securityLabel(String category) {
    return new Coding("SOC".equals(category) ? PassageTerminology.SENSITIVITY : V3_ACT_CODE, category, null);
  }
}
