package org.passagegateway.gateway.signin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.passagegateway.gateway.security.PersonDirectory;
import org.passagegateway.gateway.security.Role;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The accounts of the people who sign in ({@code psg_person_account}). Failure counts and the last
 * code accepted are changed by single conditional statements, so that several nodes counting
 * attempts at once neither lose a failure nor accept one code twice.
 */
public final class PersonAccounts implements PersonDirectory {

  private static final String COLUMNS =
      "username, role, password_hash, totp_secret, enabled, failed_attempts, locked_until, last_code_step, provider_issuer,"
      + " provider_subject";

  private final JdbcTemplate jdbc;

  PersonAccounts(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<Role> activeRole(String username) {
    return find(username).filter(PersonAccount::enabled).map(PersonAccount::role);
  }

  Optional<PersonAccount> find(String username) {
    return jdbc.query("SELECT " + COLUMNS + " FROM psg_person_account WHERE username = ?", PersonAccounts::account,
        username).stream().findFirst();
  }

  /** The account linked to that subject of that issuer (the external provider). */
  Optional<PersonAccount> findByProvider(String issuer, String subject) {
    return jdbc.query("SELECT " + COLUMNS + " FROM psg_person_account WHERE provider_issuer = ? AND provider_subject = ?",
        PersonAccounts::account, issuer, subject).stream().findFirst();
  }

  List<PersonAccount> all() {
    return jdbc.query("SELECT " + COLUMNS + " FROM psg_person_account ORDER BY username", PersonAccounts::account);
  }

  /** Whether an account of that name exists, enabled or not. */
  public boolean exists(String username) {
    return find(username).isPresent();
  }

  /** Creates the account; false if one of that name, or linked to that identity at the provider, exists. */
  public boolean create(PersonAccount account, Instant now) {
    try {
      jdbc.update("INSERT INTO psg_person_account (" + COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, 0, NULL, 0, ?, ?, ?)",
          account.username(), account.role().code(), account.passwordHash(), account.totpSecret(), account.enabled(),
          account.provider().map(PersonAccount.ProviderIdentity::issuer).orElse(null),
          account.provider().map(PersonAccount.ProviderIdentity::subject).orElse(null), Timestamp.from(now));
      return true;
    } catch (DuplicateKeyException exists) {
      return false;
    }
  }

  /** Enables or disables the account; false if there is none. */
  boolean setEnabled(String username, boolean enabled) {
    return jdbc.update("UPDATE psg_person_account SET enabled = ? WHERE username = ?", enabled, username) == 1;
  }

  /** Sets a new password and second factor (an admin's reset), unlocking the account. */
  boolean reset(String username, String passwordHash, String totpSecret) {
    return jdbc.update("UPDATE psg_person_account SET password_hash = ?, totp_secret = ?, failed_attempts = 0,"
        + " locked_until = NULL, last_code_step = 0 WHERE username = ?", passwordHash, totpSecret, username) == 1;
  }

  /**
   * Counts a sign-in attempt before it is checked, if the account exists, is enabled and is not
   * locked: false otherwise (then the attempt is refused unchecked). The attempt that makes
   * {@code maxFailures} since the last success locks the account until {@code lockedUntil}; a
   * success clears the count and the lock. After a lock has run out, counting starts again at one.
   */
  boolean countAttempt(String username, int maxFailures, Instant now, Instant lockedUntil) {
    return jdbc.update("UPDATE psg_person_account SET"
        + " failed_attempts = CASE WHEN locked_until IS NULL THEN failed_attempts + 1 ELSE 1 END,"
        + " locked_until = CASE WHEN (CASE WHEN locked_until IS NULL THEN failed_attempts + 1 ELSE 1 END) >= ?"
        + " THEN CAST(? AS timestamp with time zone) ELSE NULL END"
        + " WHERE username = ? AND enabled = ? AND (locked_until IS NULL OR locked_until <= ?)",
        maxFailures, Timestamp.from(lockedUntil), username, true, Timestamp.from(now)) == 1;
  }

  /**
   * Records a success with the code of time step {@code step}, for an attempt already counted:
   * only if no code of that step or a later one was accepted before and the account is still
   * enabled. False if one was (a replayed code), which leaves the attempt counted as a failure.
   */
  boolean recordSuccess(String username, long step) {
    return jdbc.update("UPDATE psg_person_account SET failed_attempts = 0, locked_until = NULL, last_code_step = ?"
        + " WHERE username = ? AND last_code_step < ? AND enabled = ?", step, username, step, true) == 1;
  }

  private static PersonAccount account(ResultSet row, int index) throws SQLException {
    Timestamp locked = row.getTimestamp("locked_until");
    String issuer = row.getString("provider_issuer");
    return new PersonAccount(row.getString("username"), Role.fromCode(row.getString("role")),
        row.getString("password_hash"), row.getString("totp_secret"), row.getBoolean("enabled"),
        row.getInt("failed_attempts"), Optional.ofNullable(locked).map(Timestamp::toInstant), row.getLong("last_code_step"),
        Optional.ofNullable(row.getString("provider_subject"))
            .map(subject -> new PersonAccount.ProviderIdentity(issuer, subject)));
  }
}
