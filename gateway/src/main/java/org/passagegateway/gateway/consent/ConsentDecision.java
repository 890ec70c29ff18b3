package org.passagegateway.gateway.consent;

import java.util.Set;

/**
 * The answer of the consent decision engine for one resource and one request.
 *
 * @param outcome permit, deny, or permit with the named elements removed
 * @param basis why: the recipient is the custodian, a consent decided, or there is no consent in force
 * @param consent the reference of the consent that decided, or null when none did
 * @param redactedElements the paths of the elements to remove (only for {@link Outcome#REDACT})
 * @param withheldLabels the data categories that were withheld, for the audit log (never for the recipient)
 */
public record ConsentDecision(Outcome outcome, Basis basis, String consent, Set<String> redactedElements,
    Set<String> withheldLabels) {

  public enum Outcome { PERMIT, REDACT, DENY }

  public enum Basis { CUSTODIAN, CONSENT, NO_CONSENT }

  public ConsentDecision {
    redactedElements = Set.copyOf(redactedElements);
    withheldLabels = Set.copyOf(withheldLabels);
  }

  public static ConsentDecision custodian() {
    return new ConsentDecision(Outcome.PERMIT, Basis.CUSTODIAN, null, Set.of(), Set.of());
  }

  public static ConsentDecision noConsent() {
    return new ConsentDecision(Outcome.DENY, Basis.NO_CONSENT, null, Set.of(), Set.of());
  }

  /** Whether the resource may be disclosed at all (whole or redacted). */
  public boolean discloses() {
    return outcome != Outcome.DENY;
  }
}
