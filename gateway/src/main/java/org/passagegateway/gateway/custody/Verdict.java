package org.passagegateway.gateway.custody;

import org.passagegateway.gateway.consent.ConsentDecision;
import org.passagegateway.gateway.consent.LabelledResource;

/**
 * What one site may see of one stored resource: all of it, part of it, or nothing.
 *
 * @param kind permit (as stored), permit with redaction (without what is withheld, narrative and,
 *     for a client who must not be contacted by this site, her contact details), or deny
 * @param decision the consent engine's answer (or the custodian's, or none in force)
 * @param about the resource as the engine saw it, or null when no consent was asked
 * @param viewer to whom
 * @param contactWithheld whether her contact details are withheld (do-not-contact)
 */
public record Verdict(Kind kind, ConsentDecision decision, LabelledResource about, Viewer viewer, boolean contactWithheld) {

  public enum Kind { PERMIT, REDACT, DENY }

  /** Whether anything of the resource may be shown. */
  public boolean shows() {
    return kind != Kind.DENY;
  }

  /** Whether the client's consent (or the lack of one in force) decided, rather than custodianship or party. */
  public boolean byConsent() {
    return about != null && decision.basis() != ConsentDecision.Basis.CUSTODIAN;
  }
}
