package org.passagegateway.gateway.signin;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.passagegateway.gateway.security.Caller;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The one rule of signing in: a name, a password and a one-time code, all three right, for an
 * enabled account that is not locked, from an address that has not tried too often this minute.
 * Every attempt is audited. A refusal never says which part was wrong or whether the account
 * exists; an unknown name costs the same password hash as a known one.
 */
public final class SignInAttempts {

  private final PersonAccounts accounts;
  private final PasswordEncoder passwords;
  private final OneTimeCodes codes;
  private final SignInAudit audit;
  private final SignInProperties properties;
  private final Clock clock;
  private final String unknownAccountHash;
  private final AddressThrottle throttle;

  SignInAttempts(PersonAccounts accounts, PasswordEncoder passwords, OneTimeCodes codes, SignInAudit audit,
      SignInProperties properties, Clock clock) {
    this.accounts = accounts;
    this.passwords = passwords;
    this.codes = codes;
    this.audit = audit;
    this.properties = properties;
    this.clock = clock;
    this.throttle = new AddressThrottle(properties.attemptsPerMinute(), com.github.benmanes.caffeine.cache.Ticker.systemTicker());
    this.unknownAccountHash = passwords.encode("no account has this password " + System.nanoTime());
  }

  /** The account signed in to, or empty: refused (and why is not told). */
  public Optional<PersonAccount> attempt(String username, String password, String code, String address) {
    Instant now = clock.instant();
    Optional<PersonAccount> account = username == null ? Optional.empty() : accounts.find(username);
    String agent = account.map(a -> Caller.personAgent(a.username())).orElse(SignInAudit.NO_ACCOUNT);
    if (!throttle.admit(address)) {
      audit.attempted(agent, false);
      return Optional.empty();
    }
    boolean passwordRight = passwords.matches(password == null ? "" : password,
        account.map(PersonAccount::passwordHash).orElse(unknownAccountHash));
    if (account.isEmpty()) {
      audit.attempted(agent, false);
      return Optional.empty();
    }
    PersonAccount person = account.get();
    OptionalLong step = codes.matchingStep(person.totpSecret(), code, now);
    boolean admitted = passwordRight && step.isPresent() && person.enabled() && !person.lockedAt(now)
        && accounts.recordSuccess(person.username(), step.getAsLong());
    if (!admitted) {
      accounts.recordFailure(person.username(), properties.maxFailures(), now.plus(properties.lockout()));
    }
    audit.attempted(agent, admitted);
    return admitted ? account : Optional.empty();
  }
}
