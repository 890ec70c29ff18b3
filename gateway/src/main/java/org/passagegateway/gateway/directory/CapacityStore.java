package org.passagegateway.gateway.directory;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The places a site published for a service and the places held for referrals being sent
 * ({@code psg_capacity}, {@code psg_capacity_hold}). A place counts as taken while its hold is
 * {@code held} and unexpired, or {@code occupied} (its referral accepted) since the site last
 * published: the site's next publication counts it in its own figure.
 */
final class CapacityStore {

  static final String HELD = "held";
  static final String OCCUPIED = "occupied";
  static final String RELEASED = "released";

  private final JdbcTemplate jdbc;

  CapacityStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Records what the site published, in the transaction that stores it on the service. */
  void publish(String service, Integer available, Instant at) {
    if (jdbc.update("update psg_capacity set available = ?, published_at = ? where service_id = ?", available,
        Timestamp.from(at), service) == 0) {
      jdbc.update("insert into psg_capacity (service_id, available, published_at) values (?, ?, ?)", service, available,
          Timestamp.from(at));
    }
  }

  /** How many places are taken now by referrals being sent or accepted since the site last published. */
  int taken(String service, Instant now) {
    Integer n = jdbc.queryForObject("select count(*) from psg_capacity_hold h join psg_capacity c on c.service_id ="
        + " h.service_id where h.service_id = ? and ((h.state = 'held' and h.expires_at > ?) or (h.state = 'occupied'"
        + " and h.ended_at > c.published_at))", Integer.class, service, Timestamp.from(now));
    return n == null ? 0 : n;
  }

  /**
   * Holds a place, if one is free, under the service's row lock (to be called in a transaction): of
   * two sites asking for the last place at once, the second waits and finds none.
   */
  Optional<String> hold(String service, String site, Instant now, Instant expires) {
    List<Integer> available = jdbc.queryForList("select available from psg_capacity where service_id = ? for update",
        Integer.class, service);
    if (available.isEmpty() || available.get(0) == null || available.get(0) - taken(service, now) < 1) {
      return Optional.empty();
    }
    String id = UUID.randomUUID().toString();
    jdbc.update("insert into psg_capacity_hold (hold_id, service_id, site, created_at, expires_at, state) values"
        + " (?, ?, ?, ?, ?, 'held')", id, service, site, Timestamp.from(now), Timestamp.from(expires));
    return Optional.of(id);
  }

  /**
   * Ties the site's unexpired hold on this service to the referral Task sent with it; false if there
   * is no such hold (another site's, expired, used, or on another service).
   */
  boolean attach(String hold, String site, String service, String task, Instant now) {
    return jdbc.update("update psg_capacity_hold set task_id = ? where hold_id = ? and site = ? and service_id = ?"
        + " and state = 'held' and expires_at > ? and (task_id is null or task_id = ?)", task, hold, site, service,
        Timestamp.from(now), task) == 1;
  }

  /** Whether the hold was taken up by this Task already (an update of a referral sent with it). */
  boolean takenUpBy(String hold, String task) {
    Integer n = jdbc.queryForObject("select count(*) from psg_capacity_hold where hold_id = ? and task_id = ?",
        Integer.class, hold, task);
    return n != null && n > 0;
  }

  /** The Task's hold becomes an occupied place (the referral was accepted). */
  void occupy(String task, Instant now) {
    jdbc.update("update psg_capacity_hold set state = 'occupied', ended_at = ? where task_id = ? and state = 'held'",
        Timestamp.from(now), task);
  }

  /** The Task's hold is given back (the referral was rejected, cancelled or failed). */
  void release(String task, Instant now) {
    jdbc.update("update psg_capacity_hold set state = 'released', ended_at = ? where task_id = ? and state = 'held'",
        Timestamp.from(now), task);
  }
}
