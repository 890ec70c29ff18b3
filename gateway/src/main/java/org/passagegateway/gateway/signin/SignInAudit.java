package org.passagegateway.gateway.signin;

/**
 * Records a sign-in attempt in the audit log (the audit feature provides it): who tried and
 * whether she got in. Never the password or code typed, nor a name typed that is not an
 * account's (it may be a password typed in the wrong field).
 */
@FunctionalInterface
public interface SignInAudit {

  /**
   * @param agent the person's agent name ({@code person:alice}), or {@link #NO_ACCOUNT}'s
   * @param succeeded whether it succeeded
   */
  void attempted(String agent, boolean succeeded);

  /** The agent of an attempt under a name that is no account's. */
  String NO_ACCOUNT = org.passagegateway.gateway.security.Caller.personAgent("?");
}
