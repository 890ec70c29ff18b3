package org.passagegateway.gateway.audit;

import java.time.Instant;
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
 * @param resource the relative reference of the resource acted on or decided about, or null for a search;
 *     for a registry change, the id of the client registration changed
 * @param consent the versioned reference of the consent that decided, or null
 * @param permitted for a consent decision, whether anything was disclosed; for other actions, whether it succeeded
 * @param categories for a consent decision, the data categories withheld
 * @param disclosed for a consent decision, the data categories disclosed (sensitivity labels of what was shown)
 * @param recipient for a consent decision about disclosing to a site other than the agent's (the owner a
 *     referral is sent to, the site a notification would reach), that site's Organization id; else null
 */
public record AuditRecord(Kind kind, Instant recorded, String clientId, String organizationId, String purposeOfUse,
    String patientId, String resource, String consent, boolean permitted, Set<String> categories, Set<String> disclosed,
    String recipient) {

  public enum Kind { READ, SEARCH, CREATE, UPDATE, CONSENT_DECISION, EXPORT, REGISTRY_CHANGE }

  public AuditRecord {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(recorded, "recorded");
    Objects.requireNonNull(clientId, "clientId");
    categories = Set.copyOf(categories);
    disclosed = Set.copyOf(disclosed);
  }

  /** A record that discloses no labelled category. */
  public AuditRecord(Kind kind, Instant recorded, String clientId, String organizationId, String purposeOfUse,
      String patientId, String resource, String consent, boolean permitted, Set<String> categories) {
    this(kind, recorded, clientId, organizationId, purposeOfUse, patientId, resource, consent, permitted, categories,
        Set.of(), null);
  }
}
