package org.passagegateway.gateway.custody;

/**
 * Where a consent decision the gateway takes on its own account (not for a request: a
 * notification it withholds) is recorded at once: the audit log. A request's decisions are taken
 * from its {@link Accounting} when its response leaves.
 */
@FunctionalInterface
public interface DecisionLog {

  /**
   * @param verdict the decision, by the client's consent
   * @param clientId the client application it concerns
   * @param purposeOfUse the purpose it was decided for, or null
   */
  void decided(Verdict verdict, String clientId, String purposeOfUse);
}
