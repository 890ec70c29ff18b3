package org.passagegateway.gateway.consent;

import java.time.Instant;
import java.util.Objects;

/**
 * A client's consent as the decision engine sees it: who holds it, whether it is in force, and
 * its rules. Passage consents are opt-in ({@code policyRule} OPTIN): what no rule permits is
 * denied.
 *
 * @param reference the Consent's relative reference, versioned ({@code Consent/1/_history/2}), for the audit log
 * @param active whether its status is {@code active}
 * @param patient the id of the client
 * @param custodian the id of the Organization that holds it ({@code Consent.organization})
 * @param root the base rule ({@code Consent.provision}), whose period is the consent's period
 */
public record ConsentPolicy(String reference, boolean active, String patient, String custodian, Provision root) {

  public ConsentPolicy {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(root, "root");
  }

  /** Whether it decides for this resource at this time: active, of its client, held by its custodian, in period. */
  boolean governs(LabelledResource resource, Instant time) {
    return active && Objects.equals(patient, resource.patient()) && Objects.equals(custodian, resource.custodian())
        && ProvisionMatch.inPeriod(root, time);
  }
}
