package org.passagegateway.gateway.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outbox of notifications in Passage's table {@code psg_notification}. Rows are written in the
 * transaction of the change they announce (the JPA transaction manager exposes its connection to
 * this JdbcTemplate), claimed by one node at a time with a lease, and kept once delivered.
 */
final class NotificationOutbox {

  /** A notification due for delivery. */
  record Due(String id, String subscriptionId, String focus, long eventNumber, int attempts) {}

  private final JdbcTemplate jdbc;
  private final Clock clock;

  NotificationOutbox(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Records a notification of a change to {@code focus} (e.g. {@code Task/123}) for a subscription. */
  void enqueue(String subscriptionId, String focus) {
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.update("insert into psg_notification (id, subscription_id, focus, event_number, created_at, attempts, next_attempt_at)"
        + " values (?, ?, ?, ?, ?, 0, ?)", UUID.randomUUID().toString(), subscriptionId, focus, nextEventNumber(subscriptionId),
        now, now);
  }

  /** Starts the event count of a new subscription (in the transaction that creates it). */
  void register(String subscriptionId) {
    if (jdbc.update("update psg_subscription_event set events = events where subscription_id = ?", subscriptionId) == 0) {
      jdbc.update("insert into psg_subscription_event (subscription_id, events) values (?, 0)", subscriptionId);
    }
  }

  /** The next event number of a subscription; the row lock orders concurrent transactions. */
  private long nextEventNumber(String subscriptionId) {
    if (jdbc.update("update psg_subscription_event set events = events + 1 where subscription_id = ?", subscriptionId) == 0) {
      register(subscriptionId);
      jdbc.update("update psg_subscription_event set events = events + 1 where subscription_id = ?", subscriptionId);
    }
    return jdbc.queryForObject("select events from psg_subscription_event where subscription_id = ?", Long.class,
        subscriptionId);
  }

  /** Claims up to {@code limit} due notifications for {@code lease}; each is claimed by one node only. */
  List<Due> claimDue(int limit, Duration lease) {
    Timestamp now = Timestamp.from(clock.instant());
    List<Due> candidates = jdbc.query("select id, subscription_id, focus, event_number, attempts from psg_notification"
        + " where delivered_at is null and next_attempt_at <= ? and (claimed_until is null or claimed_until < ?)"
        + " order by next_attempt_at fetch first " + (limit * 4) + " rows only", (rs, i) -> new Due(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getLong(4), rs.getInt(5)), now, now);
    List<Due> claimed = new ArrayList<>();
    Timestamp until = Timestamp.from(clock.instant().plus(lease));
    for (Due due : candidates) {
      if (claimed.size() == limit) {
        break;
      }
      int won = jdbc.update("update psg_notification set claimed_until = ? where id = ? and delivered_at is null"
          + " and (claimed_until is null or claimed_until < ?)", until, due.id(), now);
      if (won == 1) {
        claimed.add(due);
      }
    }
    return claimed;
  }

  void delivered(Due due, String status) {
    jdbc.update("update psg_notification set delivered_at = ?, attempts = ?, last_status = ?, claimed_until = null where id = ?",
        Timestamp.from(clock.instant()), due.attempts() + 1, status, due.id());
  }

  void retryLater(Due due, Instant next, String status) {
    jdbc.update("update psg_notification set attempts = ?, next_attempt_at = ?, last_status = ?, claimed_until = null where id = ?",
        due.attempts() + 1, Timestamp.from(next), status, due.id());
  }
}
