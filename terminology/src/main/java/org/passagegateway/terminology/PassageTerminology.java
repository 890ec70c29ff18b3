package org.passagegateway.terminology;

/**
 * Canonical URLs of Passage's terminology, shared by the gateway, the profiles and the test data.
 *
 * <p>The resources themselves are JSON files under {@code passage/terminology/} on the classpath;
 * the profiles module packs them into the {@code passage.fhir} NPM package.
 */
public final class PassageTerminology {

  /** Base of every Passage canonical URL. */
  public static final String CANONICAL_BASE = "https://passage-gateway.org/fhir";

  /** Classpath folder holding the terminology resources. */
  public static final String RESOURCE_FOLDER = "passage/terminology/";

  public static final String SITE_TYPE = CANONICAL_BASE + "/CodeSystem/passage-site-type";
  public static final String SERVICE_TYPE = CANONICAL_BASE + "/CodeSystem/passage-service-type";
  public static final String REFERRAL_REASON = CANONICAL_BASE + "/CodeSystem/passage-referral-reason";
  public static final String REJECTION_REASON = CANONICAL_BASE + "/CodeSystem/passage-rejection-reason";
  public static final String CANCELLATION_REASON = CANONICAL_BASE + "/CodeSystem/passage-cancellation-reason";

  /** Passage's own sensitivity categories (SOC), beside HL7 v3 ActCode's. */
  public static final String SENSITIVITY = CANONICAL_BASE + "/CodeSystem/passage-sensitivity";

  /** The consent data categories: HL7 v3 information sensitivity codes plus {@link #SENSITIVITY}. */
  public static final String DATA_CATEGORY_VALUE_SET = CANONICAL_BASE + "/ValueSet/passage-data-category";

  public static final String V3_ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
  public static final String V3_ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

  /** Labeling rules, one ConceptMap per kind of source code. */
  public static final String CLINICAL_CODE_LABELS = CANONICAL_BASE + "/ConceptMap/passage-clinical-code-label";
  public static final String SERVICE_TYPE_LABELS = CANONICAL_BASE + "/ConceptMap/passage-service-type-label";
  public static final String SITE_TYPE_LABELS = CANONICAL_BASE + "/ConceptMap/passage-site-type-label";
  public static final String REFERRAL_REASON_LABELS = CANONICAL_BASE + "/ConceptMap/passage-referral-reason-label";

  /** Identifier system of the network-wide client pseudonym. */
  public static final String CLIENT_PSEUDONYM = CANONICAL_BASE + "/NamingSystem/client-pseudonym";

  /**
   * Identifier system of a client's second factor: derived by the gateway from her pseudonym and a
   * card number or PIN she holds, so that records of a pseudonym two women may share are linked
   * only when the factor matches too.
   */
  public static final String CLIENT_SECOND_FACTOR = CANONICAL_BASE + "/NamingSystem/client-second-factor";

  /** Identifier system of member-site codes. */
  public static final String SITE_CODE = CANONICAL_BASE + "/NamingSystem/site-code";

  private PassageTerminology() {}
}
