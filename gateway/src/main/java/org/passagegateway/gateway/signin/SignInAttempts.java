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

  /**
   * Records an attempt refused before any account was looked at (a failure at the external
   * provider, a password posted where passwords are off), under the same address limit: audited,
   * once per address and window beyond it.
   */
  public void refusedUnchecked(String address) {
    if (throttle.admit(address) != AddressThrottle.Verdict.REFUSED) {
      audit.attempted(SignInAudit.NO_ACCOUNT, false);
    }
  }

  /** The account signed in to, or empty: refused (and why is not told). */
  public Optional<PersonAccount> attempt(String username, String password, String code, String address) {
    Instant now = clock.instant();
    AddressThrottle.Verdict throttled = throttle.admit(address);
    if (throttled != AddressThrottle.Verdict.ADMITTED) {
      // Audited once per address and window, so that a flood cannot fill the log.
      if (throttled == AddressThrottle.Verdict.FIRST_REFUSED) {
        audit.attempted(SignInAudit.NO_ACCOUNT, false);
      }
      return Optional.empty();
    }
    String name = username == null ? "" : username;
    // The attempt is counted before anything is checked, in one conditional statement: only an
    // enabled account that is not locked takes it, so attempts made at the same time (on any node)
    // never get past the lock. An unknown name runs the same statement and the same hash.
    boolean counted = accounts.countAttempt(name, properties.maxFailures(), now, now.plus(properties.lockout()));
    // One who signs in through the external provider never signs in with a password here.
    Optional<PersonAccount> account = counted
        ? accounts.find(name).filter(found -> found.provider().isEmpty()) : Optional.empty();
    boolean passwordRight = passwords.matches(password == null ? "" : password,
        account.map(PersonAccount::passwordHash).orElse(unknownAccountHash));
    OptionalLong step = account.isEmpty() ? OptionalLong.empty() : codes.matchingStep(account.get().totpSecret(), code, now);
    boolean admitted = passwordRight && step.isPresent() && accounts.recordSuccess(name, step.getAsLong());
    String agent = counted || accounts.exists(name) ? Caller.personAgent(name) : SignInAudit.NO_ACCOUNT;
    audit.attempted(agent, admitted);
    return admitted ? account : Optional.empty();
  }
}
