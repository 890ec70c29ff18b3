package org.passagegateway.gateway.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One thing the audit log records, before it is shaped as a FHIR AuditEvent: who (client and
 * site) did what to which client's record, for which purpose, with what outcome, and for a
 * consent decision which consent decided and which data categories were concerned. Names and
 * references only: never any clinical content.
 *
 * @param kind the action
 * @param recorded when
 * @param clientId the registered client that made the request
 * @param organizationId the site it acts for, or null for an auditor or admin
 * @param purposeOfUse the stated purpose of use (v3 ActReason), or null
 * @param patientId the client whose record it concerns, or null (one event per client)
 * @param resources the resources acted on or decided about (none for a search; for a consent decision every
 *     resource of the client one consent decided alike in one request); for a registry change, the id of the
 *     client registration changed
 * @param consent the versioned reference of the consent that decided, or null
 * @param permitted for a consent decision, whether anything was disclosed; for other actions, whether it succeeded
 * @param categories for a consent decision, the data categories withheld
 * @param recipient for a consent decision about disclosing to a site other than the agent's (the owner a
 *     referral is sent to, the site a notification would reach), that site's Organization id; else null
 */
public record AuditRecord(Kind kind, Instant recorded, String clientId, String organizationId, String purposeOfUse,
    String patientId, List<Subject> resources, String consent, boolean permitted, Set<String> categories,
    String recipient) {

  public enum Kind { READ, SEARCH, CREATE, UPDATE, CONSENT_DECISION, EXPORT, REGISTRY_CHANGE, PSEUDONYM_DERIVATION,
    INDICATOR_EVALUATION, SIGN_IN }

  /**
   * A resource an event concerns.
   *
   * @param reference its relative reference
   * @param disclosed for a consent decision, the data categories of it disclosed (sensitivity labels of what was shown)
   */
  public record Subject(String reference, Set<String> disclosed) {
    public Subject {
      Objects.requireNonNull(reference, "reference");
      disclosed = Set.copyOf(disclosed);
    }
  }

  public AuditRecord {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(recorded, "recorded");
    Objects.requireNonNull(clientId, "clientId");
    resources = List.copyOf(resources);
    categories = Set.copyOf(categories);
  }

  /** A record of one resource (or none), disclosing no labelled category. */
  public AuditRecord(Kind kind, Instant recorded, String clientId, String organizationId, String purposeOfUse,
      String patientId, String resource, String consent, boolean permitted, Set<String> categories) {
    this(kind, recorded, clientId, organizationId, purposeOfUse, patientId,
        resource == null ? List.of() : List.of(new Subject(resource, Set.of())), consent, permitted, categories, null);
  }
}
