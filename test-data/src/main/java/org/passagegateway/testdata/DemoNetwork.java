package org.passagegateway.testdata;

import static org.passagegateway.testdata.NetworkBuilders.accepting;
import static org.passagegateway.testdata.NetworkBuilders.capacity;
import static org.passagegateway.testdata.NetworkBuilders.clientWithoutPseudonym;
import static org.passagegateway.testdata.NetworkBuilders.consent;
import static org.passagegateway.testdata.NetworkBuilders.contactSafety;
import static org.passagegateway.testdata.NetworkBuilders.referral;
import static org.passagegateway.testdata.NetworkBuilders.referralTask;
import static org.passagegateway.testdata.NetworkBuilders.service;
import static org.passagegateway.testdata.NetworkBuilders.site;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestPriority;
import org.hl7.fhir.r4.model.Task;

/**
 * The demo network: one site of each kind the referral scenarios need, a handful of pseudonymous
 * clients, and referrals in status {@code requested} to the antenatal clinic, the TB service, the
 * women's shelter and (before release from prison) the OST provider.
 *
 * <p>Each referred client has a consent, held by the referring site, that names the site she is
 * referred to and no other: client-1 lets the antenatal clinic see her pregnancy care but never her
 * drug use (the referral's opioid-dependence reason is withheld), client-3 lets the shelter see
 * violence and location details but not her housing situation, client-4 lets the OST provider see
 * everything; client-5 has no consent.
 *
 * <p>Every resource has a fixed id and fixed timestamps, and {@link #asTransaction()} writes them
 * with PUT, so loading the network twice changes nothing.
 */
public final class DemoNetwork {

  public static final String HARM_REDUCTION_SITE = "hr-1";
  public static final String ANTENATAL_CLINIC = "anc-1";
  public static final String TB_SERVICE = "tb-1";
  public static final String WOMENS_SHELTER = "shelter-1";
  public static final String PRISON_HEALTH_UNIT = "prison-1";
  public static final String OST_PROVIDER = "ost-1";

  /**
   * The demo clients' answers to the network's UIC (synthetic), by Patient id: the loader derives
   * each one's network pseudonym from them with the demo's pseudonym key ({@code
   * demo/pseudonym-key}), as a site would with {@code Patient/$pseudonym}.
   */
  public static final Map<String, Map<String, String>> UIC_ANSWERS = uicAnswers();

  /** The demo's pseudonym key (Base64): demo material, in this jar only, never in the production artifact. */
  public static final String PSEUDONYM_KEY_RESOURCE = "demo/pseudonym-key";

  private static Map<String, Map<String, String>> uicAnswers() {
    Map<String, Map<String, String>> answers = new LinkedHashMap<>();
    answers.put("client-1", uic("Lucía", "Ana", "1996", "3"));
    answers.put("client-2", uic("Olga", "Irina", "1989", "11"));
    answers.put("client-3", uic("Fatima", "Nadia", "1993", "7"));
    answers.put("client-4", uic("Joanna", "Kasia", "1987", "1"));
    answers.put("client-5", uic("unknown", "Thandi", "2001", "9"));
    return Collections.unmodifiableMap(answers);
  }

  private static Map<String, String> uic(String motherGivenName, String givenName, String birthYear, String birthMonth) {
    return Map.of("mother-given-name", motherGivenName, "given-name", givenName, "sex", "F", "birth-year", birthYear,
        "birth-month", birthMonth);
  }

  public static final List<String> SITES =
      List.of(HARM_REDUCTION_SITE, ANTENATAL_CLINIC, TB_SERVICE, WOMENS_SHELTER, PRISON_HEALTH_UNIT, OST_PROVIDER);

  /** Referral Tasks of the demo network, all in status {@code requested}. */
  public static final List<String> REFERRAL_TASKS =
      List.of("task-anc-1", "task-tb-1", "task-shelter-1", "task-ost-1");

  private static final Instant DAY_ONE = Instant.parse("2026-11-02T09:00:00Z");

  private DemoNetwork() {}

  /** Every resource of the demo network, references resolvable within the list. */
  public static List<Resource> resources() {
    List<Resource> all = new ArrayList<>();
    all.add(site(HARM_REDUCTION_SITE, "Riverside Harm Reduction Service", "harm-reduction-site"));
    all.add(site(ANTENATAL_CLINIC, "Eastgate Antenatal Clinic", "antenatal-clinic"));
    all.add(site(TB_SERVICE, "Central TB Service", "tb-service"));
    all.add(site(WOMENS_SHELTER, "Safe Haven Women's Shelter", "womens-shelter"));
    all.add(site(PRISON_HEALTH_UNIT, "North Women's Prison Health Unit", "prison-health-unit"));
    all.add(site(OST_PROVIDER, "Harbour OST Clinic", "ost-provider"));

    all.add(service("hs-hr-1-nsp", HARM_REDUCTION_SITE, "nsp"));
    all.add(service("hs-hr-1-naloxone", HARM_REDUCTION_SITE, "naloxone"));
    all.add(service("hs-hr-1-htc", HARM_REDUCTION_SITE, "htc"));
    // The clinics and the shelter publish who they accept and their places (as of the demo's first start).
    Instant published = Instant.now();
    all.add(accepting(service("hs-anc-1-prenatal", ANTENATAL_CLINIC, "prenatal-care"), "accepts-current-drug-use",
        "accepts-ost", "accepts-pregnant", "accepts-children", "women-only"));
    all.add(capacity(accepting(service("hs-anc-1-pmtct", ANTENATAL_CLINIC, "pmtct"), "accepts-current-drug-use",
        "accepts-ost", "accepts-pregnant", "women-only"), "capacity", 6, 20, "appointments", published));
    all.add(service("hs-tb-1-tb", TB_SERVICE, "tb"));
    all.add(capacity(accepting(service("hs-shelter-1-place", WOMENS_SHELTER, "shelter"), "accepts-ost",
        "accepts-children", "women-only"), "capacity", 2, 12, "places", published));
    all.add(service("hs-shelter-1-gbv", WOMENS_SHELTER, "gbv-support"));
    all.add(service("hs-prison-1-cm", PRISON_HEALTH_UNIT, "case-management"));
    all.add(capacity(accepting(service("hs-ost-1-ost", OST_PROVIDER, "ost"), "accepts-current-drug-use", "accepts-ost",
        "accepts-pregnant"), "waitlist", 0, 40, "slots", published));

    for (String id : UIC_ANSWERS.keySet()) {
      all.add(clientWithoutPseudonym(id, Integer.parseInt(UIC_ANSWERS.get(id).get("birth-year"))));
    }

    all.addAll(referralWithTask(
        referral("sr-anc-1", "client-1", HARM_REDUCTION_SITE, ANTENATAL_CLINIC, "prenatal-care",
            ServiceRequestPriority.URGENT, DAY_ONE, "pregnancy-care", "opioid-dependence")));
    all.addAll(referralWithTask(
        referral("sr-tb-1", "client-2", HARM_REDUCTION_SITE, TB_SERVICE, "tb",
            ServiceRequestPriority.ROUTINE, DAY_ONE.plusSeconds(3_600), "presumptive-tb")));
    all.addAll(referralWithTask(contactSafety(
        referral("sr-shelter-1", "client-3", HARM_REDUCTION_SITE, WOMENS_SHELTER, "shelter",
            ServiceRequestPriority.ASAP, DAY_ONE.plusSeconds(7_200), "violence-safety", "housing"),
        true, "Do not phone or message her; the referring outreach worker will bring her.")));
    all.addAll(referralWithTask(
        referral("sr-ost-1", "client-4", PRISON_HEALTH_UNIT, OST_PROVIDER, "ost",
            ServiceRequestPriority.URGENT, DAY_ONE.plusSeconds(86_400), "ost-continuity", "release-planning")));

    // Each referred client's consent, recorded by the referring site before the referral: it names
    // the site she is referred to and no other, and withholds some of what that site would see.
    all.add(consent("consent-client-1", "client-1", HARM_REDUCTION_SITE, List.of(ANTENATAL_CLINIC),
        List.of("SEX"), List.of("ETH"), DAY_ONE.minusSeconds(900)));
    all.add(consent("consent-client-2", "client-2", HARM_REDUCTION_SITE, List.of(TB_SERVICE),
        List.of(), List.of(), DAY_ONE.minusSeconds(900)));
    all.add(consent("consent-client-3", "client-3", HARM_REDUCTION_SITE, List.of(WOMENS_SHELTER),
        List.of("SDV", "LOCIS", "SSP"), List.of("SOC"), DAY_ONE.minusSeconds(900)));
    all.add(consent("consent-client-4", "client-4", PRISON_HEALTH_UNIT, List.of(OST_PROVIDER),
        List.of("ETH", "SSP", "SOC"), List.of(), DAY_ONE.minusSeconds(900)));
    return all;
  }

  /**
   * The demo site that recorded a clinical resource of the network (its custodian): the requester
   * of a referral or Task, the site holding a consent, and for a client the site that referred her
   * (the harm reduction site for a client not referred yet). Empty for the directory.
   */
  public static Optional<String> custodianOf(Resource resource) {
    if (resource instanceof ServiceRequest request) {
      return Optional.of(request.getRequester().getReferenceElement().getIdPart());
    }
    if (resource instanceof Task task) {
      return Optional.of(task.getRequester().getReferenceElement().getIdPart());
    }
    if (resource instanceof Consent consent) {
      return Optional.of(consent.getOrganizationFirstRep().getReferenceElement().getIdPart());
    }
    if (resource instanceof Patient patient) {
      String reference = "Patient/" + patient.getIdElement().getIdPart();
      return Optional.of(resources().stream()
          .filter(r -> r instanceof ServiceRequest sr && reference.equals(sr.getSubject().getReference()))
          .map(r -> ((ServiceRequest) r).getRequester().getReferenceElement().getIdPart())
          .findFirst().orElse(HARM_REDUCTION_SITE));
    }
    return Optional.empty();
  }

  /** The demo network as a FHIR transaction of PUTs to fixed ids (idempotent). */
  public static Bundle asTransaction() {
    Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    for (Resource resource : resources()) {
      String url = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
      bundle.addEntry()
          .setFullUrl(url)
          .setResource(resource)
          .getRequest()
          .setMethod(Bundle.HTTPVerb.PUT)
          .setUrl(url);
    }
    return bundle;
  }

  /** A referral and its Task ({@code sr-x} and {@code task-x}). */
  private static List<Resource> referralWithTask(ServiceRequest referral) {
    String suffix = referral.getIdElement().getIdPart().substring("sr-".length());
    return List.of(referral, referralTask("task-" + suffix, referral));
  }
}
