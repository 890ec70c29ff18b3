package org.passagegateway.gateway.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Remembers the {@code jti} of every accepted client assertion until it expires, in the database,
 * so a replay is refused whichever gateway node it reaches. The insert itself is the check: the
 * primary key makes a second use of the same {@code jti} fail atomically.
 */
public final class AssertionReplayStore {

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public AssertionReplayStore(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Records a first use; false if this client already used this {@code jti}. Expired records are
   * forgotten first (one indexed delete per token request), so the table holds at most five
   * minutes of assertions.
   */
  public boolean firstUse(String clientId, String jti, Instant expiresAt) {
    purgeExpired();
    try {
      jdbc.update("INSERT INTO psg_assertion_jti (client_id, jti, expires_at) VALUES (?, ?, ?)",
          clientId, jti, Timestamp.from(expiresAt));
      return true;
    } catch (DuplicateKeyException replay) {
      return false;
    }
  }

  /** Forgets assertions that have expired (they would be refused for their {@code exp} anyway). */
  public int purgeExpired() {
    return jdbc.update("DELETE FROM psg_assertion_jti WHERE expires_at < ?", Timestamp.from(clock.instant()));
  }
}
