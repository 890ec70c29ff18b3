package org.passagegateway.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What must hold after every fault, read from the database itself (through the load balancer's
 * primary port, not through a gateway) and from the receiver: every acknowledged referral stored
 * exactly once, every stored change with exactly one audit event, the log verified, every
 * notification due delivered, nothing leaked. Each check answers its problems; none means it held.
 */
final class Checks {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TYPES = List.of("ServiceRequest", "Task", "Consent");

  private final String jdbcUrl;
  private final String password;

  Checks(Map<String, String> env) {
    this.jdbcUrl = env.get("PASSAGE_CLUSTER_DB_URL");
    this.password = env.get("PASSAGE_CLUSTER_DB_PASSWORD");
  }

  /**
   * Acknowledged referrals not stored exactly once (each of its referral, Task and consent), and
   * any referral stored in part.
   */
  List<String> lost(List<ReferralLoad.Acknowledged> acknowledged) {
    Map<String, Integer> stored = storedByKey();
    List<String> problems = new ArrayList<>();
    for (ReferralLoad.Acknowledged referral : acknowledged) {
      for (String type : TYPES) {
        int count = stored.getOrDefault(type + " " + referral.key(), 0);
        if (count != 1) {
          problems.add(type + " of referral " + referral.key() + " stored " + count + " times");
        }
      }
    }
    stored.forEach((typeAndKey, count) -> {
      if (count > 1) {
        problems.add(typeAndKey + " stored " + count + " times");
      }
      // Acknowledged or not, a referral is stored whole or not at all: never a referral without its Task.
      String key = typeAndKey.substring(typeAndKey.indexOf(' ') + 1);
      for (String type : TYPES) {
        if (!stored.containsKey(type + " " + key)) {
          problems.add("referral " + key + " stored without its " + type);
        }
      }
    });
    return problems.stream().distinct().toList();
  }

  /** How many referrals are stored (counted by their ServiceRequests). */
  int storedReferrals() {
    return (int) storedByKey().keySet().stream().filter(key -> key.startsWith("ServiceRequest ")).count();
  }

  /**
   * Stored changes of the load's resources (every version of every referral, Task, consent and
   * client) without exactly one audit event of the same kind (create for the first version,
   * update for each later one).
   */
  List<String> unaudited() {
    return query(connection -> {
      Map<String, int[]> versions = new HashMap<>();
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT r.res_type, r.fhir_id, r.res_ver FROM hfj_resource r WHERE r.res_type IN "
              + "('ServiceRequest','Task','Consent','Patient') AND r.res_deleted_at IS NULL");
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          versions.put(rows.getString(1) + "/" + rows.getString(2), new int[] {(int) rows.getLong(3), 0, 0});
        }
      }
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT subtype_code, entity_refs FROM psg_audit_event WHERE type_code = 'rest' AND subtype_code IN ('create','update')");
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          boolean create = "create".equals(rows.getString(1));
          for (String ref : String.valueOf(rows.getString(2)).trim().split("\\s+")) {
            int[] counts = versions.get(ref.replaceAll("/_history/.*", ""));
            if (counts != null) {
              counts[create ? 1 : 2]++;
            }
          }
        }
      }
      List<String> problems = new ArrayList<>();
      versions.forEach((ref, counts) -> {
        if (counts[1] != 1 || counts[2] != counts[0] - 1) {
          problems.add(ref + ": " + counts[0] + " versions, " + counts[1] + " create and " + counts[2] + " update events");
        }
      });
      return problems;
    });
  }

  /** Events committed but not yet placed in the log (the sequencer places them each second). */
  int unsequencedEvents() {
    return query(connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM psg_audit_event WHERE position IS NULL");
          ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    });
  }

  /** Notifications written to the outbox and not delivered yet. */
  int undeliveredNotifications() {
    return query(connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM psg_notification WHERE delivered_at IS NULL");
          ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    });
  }

  /**
   * The log checked by the gateway against a checkpoint signed now: intact, and covering every
   * event placed so far. Problems found, none if it verified.
   */
  List<String> logVerification(Network network) {
    Client.Answer signed = network.auditor.send(network.base, "POST", "/fhir/AuditEvent/$checkpoint", "application/fhir+json",
        "{\"resourceType\":\"Parameters\"}");
    if (!signed.ok()) {
      return List.of("no checkpoint: " + signed.error());
    }
    long placed = query(connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT count(position) FROM psg_audit_event");
          ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    });
    Client.Answer verified = network.auditor.get(network.base, "/fhir/AuditEvent/$verify");
    if (!verified.ok()) {
      return List.of("verification refused: " + verified.error());
    }
    try {
      boolean intact = false;
      long size = -1;
      for (JsonNode parameter : JSON.readTree(verified.body()).path("parameter")) {
        if ("intact".equals(parameter.path("name").asText())) {
          intact = parameter.path("valueBoolean").asBoolean(false);
        } else if ("verified-size".equals(parameter.path("name").asText())) {
          size = Long.parseLong(parameter.path("valueString").asText("-1"));
        }
      }
      List<String> problems = new ArrayList<>();
      if (!intact) {
        problems.add("the log did not verify: " + verified.body());
      }
      if (size < placed) {
        problems.add("verified " + size + " of " + placed + " placed events");
      }
      return problems;
    } catch (IOException | NumberFormatException e) {
      return List.of("unreadable verification");
    }
  }

  /** Waits (bounded) until {@code condition} holds. */
  static boolean within(Duration limit, Supplier<Boolean> condition) {
    Instant deadline = Instant.now().plus(limit);
    while (!condition.get()) {
      if (Instant.now().isAfter(deadline)) {
        return false;
      }
      ReferralLoad.pause(200);
    }
    return true;
  }

  /** Type + key → how many resources of that type carry the load's identifier with that key. */
  private Map<String, Integer> storedByKey() {
    return query(connection -> {
      Map<String, Integer> stored = new HashMap<>();
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT r.res_type, x.value ->> 'value' FROM hfj_resource r "
              + "JOIN hfj_res_ver v ON v.res_id = r.res_id AND v.res_ver = r.res_ver "
              + "CROSS JOIN LATERAL jsonb_array_elements(CAST(v.res_text_vc AS jsonb) -> 'identifier') x "
              + "WHERE r.res_type IN ('ServiceRequest','Task','Consent') AND r.res_deleted_at IS NULL "
              + "AND x.value ->> 'system' = ?")) {
        select.setString(1, ReferralLoad.IDENTIFIER_SYSTEM);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            stored.merge(rows.getString(1) + " " + rows.getString(2), 1, Integer::sum);
          }
        }
      }
      return stored;
    });
  }

  /** Pseudonyms carried by more than one stored client (a client stored twice). */
  List<String> duplicateClients() {
    return query(connection -> {
      List<String> problems = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT x.value ->> 'value' FROM hfj_resource r JOIN hfj_res_ver v ON v.res_id = r.res_id AND v.res_ver = r.res_ver "
              + "CROSS JOIN LATERAL jsonb_array_elements(CAST(v.res_text_vc AS jsonb) -> 'identifier') x "
              + "WHERE r.res_type = 'Patient' AND r.res_deleted_at IS NULL AND x.value ->> 'system' LIKE '%pseudonym%'");
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          if (!seen.add(rows.getString(1))) {
            problems.add("a client stored twice");
          }
        }
      }
      return problems;
    });
  }

  private interface Query<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T query(Query<T> query) {
    SQLException last = null;
    // The primary may be moving: try for a while, as any client of a failing-over database does.
    for (int attempt = 0; attempt < 60; attempt++) {
      try (Connection connection = DriverManager.getConnection(jdbcUrl, "passage", password)) {
        return query.run(connection);
      } catch (SQLException e) {
        last = e;
        ReferralLoad.pause(1000);
      }
    }
    throw new IllegalStateException("the database did not answer the checks", last);
  }
}
