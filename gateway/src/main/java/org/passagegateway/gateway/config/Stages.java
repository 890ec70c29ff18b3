package org.passagegateway.gateway.config;

/**
 * The stages every FHIR request passes, in the order they run (DESIGN.md, "The request pipeline"):
 * each hook of a stage takes its stage's order, on whichever HAPI pointcut it uses, so this one
 * list is the order in which a request is authenticated, held to its scopes, to custody
 * (authorship, the gateway's tags), to its profile, to the referral workflow, labelled, checked
 * for the client data it refers to, decided by the client's consent, stripped of the gateway's
 * own markings and audited. A transaction or batch entry passes the same hooks as a single request
 * (HAPI calls the storage pointcuts for every entry; {@link RequestEntries} lists what a request
 * asks for, itself or each entry, for the checks made before anything is stored).
 *
 * <p>Validation comes before the workflow, so a Task that is not a referral Task at all is told so
 * first, and after custody, so it sees the authorship elements the gateway filled in.
 */
public final class Stages {

  public static final int AUTHENTICATE = -1000;
  public static final int SCOPE = -500;
  public static final int CUSTODY = -100;
  public static final int VALIDATION = 0;
  /** A client's network pseudonym is one the gateway issued (after validation has said it is there). */
  public static final int IDENTITY = 5;
  public static final int WORKFLOW = 10;
  public static final int LABELING = 20;
  /** Reading the consents of a page of results, before HAPI's consent interceptor asks about each. */
  public static final int CONSENT_PREFETCH = 50;
  /** HAPI's consent interceptor, through which every read path asks the visibility decision. */
  public static final int CONSENT = 100;
  /**
   * Last of the checks of a write: the client data it refers to (so a write refused for another
   * reason is refused the same whether its references exist or may be seen).
   */
  public static final int REFERENCES = 1000;
  /** Linking a shown client to the caller's own records of the same woman, after the consent decision showed her. */
  public static final int LINKS = 200;
  /** Removing the gateway's tags and labels from everything that leaves, after every stage that reads them. */
  public static final int STRIP = 1000;
  public static final int AUDIT = 2000;

  private Stages() {}
}
