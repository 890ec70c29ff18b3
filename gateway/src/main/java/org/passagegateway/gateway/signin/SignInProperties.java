package org.passagegateway.gateway.signin;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * People signing in ({@code passage.signin.*}).
 *
 * @param maxFailures failed sign-ins in a row after which an account is locked
 * @param lockout how long it stays locked (a success after it unlocks it)
 * @param attemptsPerMinute sign-in attempts one network address may make in a minute, on one node
 * @param minPasswordLength the shortest password an admin may set
 * @param consoleClientId the client id of the console, the public client people sign in through
 * @param passwordSignIn whether people may sign in with a password and one-time code here; false
 *     where everyone signs in through the external OpenID Connect provider instead
 */
@ConfigurationProperties("passage.signin")
public record SignInProperties(
    @DefaultValue("5") int maxFailures,
    @DefaultValue("15m") Duration lockout,
    @DefaultValue("20") int attemptsPerMinute,
    @DefaultValue("12") int minPasswordLength,
    @DefaultValue("passage-console") String consoleClientId,
    @DefaultValue("true") boolean passwordSignIn) {

  public SignInProperties {
    if (maxFailures < 1 || attemptsPerMinute < 1 || minPasswordLength < 8) {
      throw new IllegalArgumentException("passage.signin: max-failures and attempts-per-minute are at least 1,"
          + " min-password-length at least 8");
    }
  }
}
