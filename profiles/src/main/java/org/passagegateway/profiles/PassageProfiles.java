package org.passagegateway.profiles;

import java.util.Map;

/** Canonical URLs of the Passage profiles, and which profile the gateway enforces for each resource type. */
public final class PassageProfiles {

  private static final String BASE = "https://passage-gateway.org/fhir/StructureDefinition/";

  public static final String CLIENT = BASE + "passage-client";
  public static final String SITE = BASE + "passage-site";
  public static final String ENDPOINT = BASE + "passage-endpoint";
  public static final String HEALTHCARE_SERVICE = BASE + "passage-healthcare-service";
  public static final String REFERRAL = BASE + "passage-referral";
  public static final String REFERRAL_TASK = BASE + "passage-referral-task";
  public static final String CONSENT = BASE + "passage-consent";
  public static final String SERVICE_EPISODE = BASE + "passage-service-episode";
  public static final String AUDIT_EVENT = BASE + "passage-audit-event";

  public static final String CONTACT_SAFETY = BASE + "passage-contact-safety";
  public static final String WOMEN_ONLY = BASE + "passage-women-only";
  public static final String CAPACITY = BASE + "passage-capacity";
  public static final String RECIPIENT_SITE_TYPE = BASE + "passage-recipient-site-type";

  /** The profile every write of a resource type must conform to, for each profiled type. */
  public static final Map<String, String> ENFORCED = Map.of(
      "Patient", CLIENT,
      "Organization", SITE,
      "Endpoint", ENDPOINT,
      "HealthcareService", HEALTHCARE_SERVICE,
      "ServiceRequest", REFERRAL,
      "Task", REFERRAL_TASK,
      "Consent", CONSENT,
      "EpisodeOfCare", SERVICE_EPISODE,
      "AuditEvent", AUDIT_EVENT);

  private PassageProfiles() {}
}
