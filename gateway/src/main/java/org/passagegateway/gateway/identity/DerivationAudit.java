package org.passagegateway.gateway.identity;

import org.passagegateway.gateway.security.Caller;

/** Records that a client derived a pseudonym: who and when, never what from (implemented by the audit log). */
@FunctionalInterface
public interface DerivationAudit {

  void derived(Caller caller);
}
