package org.passagegateway.gateway.security;

/**
 * Records a change of the client registry in the audit log, in the transaction that makes it (the
 * audit feature provides it).
 */
@FunctionalInterface
public interface RegistryAudit {

  /**
   * @param admin the administrator who made the change
   * @param clientId the registration changed
   */
  void changed(Caller admin, String clientId);
}
