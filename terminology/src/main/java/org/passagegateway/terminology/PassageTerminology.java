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

  /** Identifier system of the network-wide client pseudonym. */
  public static final String CLIENT_PSEUDONYM = CANONICAL_BASE + "/NamingSystem/client-pseudonym";

  /** Identifier system of member-site codes. */
  public static final String SITE_CODE = CANONICAL_BASE + "/NamingSystem/site-code";

  private PassageTerminology() {}
}
