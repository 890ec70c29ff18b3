package org.passagegateway.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The fault suite: referral load from several clients through HAProxy while one fault at a time
 * strikes the cluster, then the checks of {@link Checks}. Prints a table of faults, referrals and
 * requests sent, acknowledged, lost (must be 0), the errors clients saw and the time to recover
 * (from the fault to the last error a client saw for it). Not a test; {@code ClusterFaultSliceTest}
 * runs two of its faults with the tests.
 *
 * <p>Usage: {@code scripts/cluster-faults} (starts a fresh cluster, runs every fault).
 */
public final class FaultSuite {

  /** The faults, by name, in the order the full suite runs them. */
  static final List<String> ALL = List.of("gateway-kill", "primary-kill", "switchover", "gateway-cut-off", "revocation");

  /** One fault's line of the table. */
  record Row(String fault, int referrals, int requests, int acknowledged, int lost, Map<String, Integer> errors,
      double recoverySeconds, List<String> problems) {}

  private final ClusterScript script;
  private final Network network;
  private final Receiver receiver;
  private final Checks checks;
  private final int clients;
  private final int perPhase;
  private final List<ReferralLoad.Acknowledged> acknowledged = new ArrayList<>();
  /** Tasks whose client's consent the suite revoked: a notification not delivered before is rightly withheld. */
  private final Set<String> revoked = java.util.concurrent.ConcurrentHashMap.newKeySet();

  FaultSuite(ClusterScript script, Network network, Receiver receiver, Checks checks, int clients, int perPhase) {
    this.script = script;
    this.network = network;
    this.receiver = receiver;
    this.checks = checks;
    this.clients = clients;
    this.perPhase = perPhase;
  }

  public static void main(String[] args) throws Exception {
    int clients = Integer.getInteger("clients", 4);
    int perPhase = Integer.getInteger("perPhase", 30);
    List<String> faults = List.of(System.getProperty("faults", String.join(",", ALL)).split(","));
    ClusterScript script = ClusterScript.find();
    if (!Boolean.getBoolean("keepCluster")) {
      script.run("destroy");
      script.run("start");
    }
    List<Row> rows = runAgainst(script, faults, clients, perPhase);
    System.out.println(table(rows));
    boolean failed = rows.stream().anyMatch(row -> row.lost() > 0 || !row.problems().isEmpty());
    rows.forEach(row -> row.problems().forEach(problem -> System.out.println("PROBLEM after " + row.fault() + ": " + problem)));
    System.exit(failed ? 1 : 0);
  }

  /** Sets the network up on a running cluster and runs the faults; answers a row per fault. */
  static List<Row> runAgainst(ClusterScript script, List<String> faults, int clients, int perPhase) throws Exception {
    Map<String, String> env = script.env();
    try (Receiver receiver = new Receiver(Path.of(env.get("PASSAGE_CLUSTER_RECEIVER_KEYSTORE")))) {
      Network network = Network.setUp(env, receiver.address());
      FaultSuite suite = new FaultSuite(script, network, receiver, new Checks(env), clients, perPhase);
      List<Row> rows = new ArrayList<>();
      try {
        for (String fault : faults) {
          rows.add(suite.run(fault));
          System.err.println("[faults] " + fault + " done");
        }
      } finally {
        network.unsubscribe();
      }
      return rows;
    }
  }

  Row run(String fault) {
    ReferralLoad load = new ReferralLoad(network, clients, true);
    Instant struck;
    List<String> problems = new ArrayList<>();
    try {
      load.awaitAcknowledged(perPhase, Duration.ofSeconds(120));
      struck = Instant.now();
      switch (fault) {
        case "gateway-kill" -> {
          script.run("node", "kill", "2");
          load.awaitAcknowledged(perPhase, Duration.ofSeconds(180));
          script.run("node", "start", "2");
        }
        case "primary-kill" -> {
          String member = script.run("db", "kill-primary");
          load.awaitAcknowledged(perPhase, Duration.ofSeconds(180));
          script.run("db", "start-member", member);
        }
        case "switchover" -> {
          script.run("db", "switchover");
          load.awaitAcknowledged(perPhase, Duration.ofSeconds(180));
          script.run("db", "wait-healthy");
        }
        case "gateway-cut-off" -> {
          script.run("node", "isolate", "1");
          // Readiness answers within 2 s; a check already under way may have just passed.
          if (!Checks.within(Duration.ofSeconds(5), () -> !ready(1))) {
            problems.add("node 1 stayed ready for 5 s while cut off from the database");
          }
          load.awaitAcknowledged(perPhase, Duration.ofSeconds(180));
          script.run("node", "restore", "1");
          if (!Checks.within(Duration.ofSeconds(90), () -> ready(1))) {
            problems.add("node 1 did not become ready again without a restart");
          }
        }
        case "revocation" -> problems.addAll(revokeThroughOneNodeWhileOthersServe(load));
        default -> throw new IllegalArgumentException("unknown fault " + fault);
      }
      load.awaitAcknowledged(perPhase, Duration.ofSeconds(180));
    } catch (IllegalStateException stalled) {
      struck = Instant.now();
      problems.add(stalled.getMessage());
    } finally {
      load.close();
    }
    acknowledged.addAll(load.acknowledged);
    problems.addAll(afterwards(load));
    Instant from = struck;
    double recovery = load.failures.stream().filter(f -> f.at().isAfter(from))
        .mapToDouble(f -> Duration.between(from, f.at()).toMillis() / 1000.0).max().orElse(0);
    Map<String, Integer> errors = new TreeMap<>();
    load.failures.forEach(f -> errors.merge(f.what(), 1, Integer::sum));
    List<String> lost = checks.lost(new ArrayList<>(load.acknowledged));
    return new Row(fault, load.started.get(), load.requests.get(), load.acknowledgedCount(), lost.size(), errors, recovery,
        concat(problems, lost.stream().limit(5).toList()));
  }

  /** The checks after a fault: audit, log, notifications, leaks, refusals. */
  private List<String> afterwards(ReferralLoad load) {
    List<String> problems = new ArrayList<>();
    load.refused.stream().limit(5).forEach(refusal -> problems.add("refused: " + refusal));
    if (load.leaks.get() > 0) {
      problems.add(load.leaks.get() + " of " + load.bystanderReads.get() + " reads by a site party to nothing were answered");
    }
    if (load.bystanderRefusals.get() == 0) {
      problems.add("no read by the site party to nothing was refused as missing: the leak check did not run");
    }
    load.bystanderOther.stream().limit(3).forEach(other -> problems.add("a read by the site party to nothing answered " + other));
    problems.addAll(checks.duplicateClients());
    if (!Checks.within(Duration.ofSeconds(60), () -> checks.unsequencedEvents() == 0)) {
      problems.add(checks.unsequencedEvents() + " audit events not placed in the log after 60 s");
    }
    problems.addAll(checks.unaudited().stream().limit(5).toList());
    problems.addAll(checks.logVerification(network));
    Set<String> due = acknowledged.stream().map(a -> "Task/" + a.ids().get("Task")).filter(task -> !revoked.contains(task))
        .collect(Collectors.toSet());
    if (!Checks.within(Duration.ofSeconds(90), () -> receiver.tasksNotified().containsAll(due))) {
      long missing = due.stream().filter(task -> !receiver.tasksNotified().contains(task)).count();
      problems.add(missing + " acknowledged referrals' Tasks never notified");
    }
    if (receiver.withoutId() > 0 || receiver.conflicting() > 0) {
      problems.add(receiver.withoutId() + " notifications without an id, " + receiver.conflicting() + " ids reused");
    }
    return problems;
  }

  /**
   * The sender revokes a client's consent through node 1 while nodes 2 and 3 serve the receiving
   * site: the next read on either is refused, and every node shows the same, inactive consent.
   */
  private List<String> revokeThroughOneNodeWhileOthersServe(ReferralLoad load) {
    List<String> problems = new ArrayList<>();
    ReferralLoad.Acknowledged referral = load.acknowledged.peek();
    String task = "/fhir/Task/" + referral.ids().get("Task");
    String request = "/fhir/ServiceRequest/" + referral.ids().get("ServiceRequest");
    String consent = "/fhir/Consent/" + referral.ids().get("Consent");
    for (int node = 2; node <= 3; node++) {
      if (network.receiver.get(node(node), task).status() != 200) {
        problems.add("the receiving site could not read its referral on node " + node + " before the revocation");
      }
    }
    revoked.add("Task/" + referral.ids().get("Task"));
    Client.Answer revocation = network.sender.send(node(1), "POST", consent + "/$revoke", "application/fhir+json",
        "{\"resourceType\":\"Parameters\"}");
    if (!revocation.ok()) {
      return concat(problems, List.of("the revocation through node 1 failed: " + revocation.error()));
    }
    for (int node = 2; node <= 3; node++) {
      for (String path : List.of(task, request)) {
        Client.Answer read = network.receiver.get(node(node), path);
        if (read.status() != 404 || !read.body().contains("PASSAGE-2001")) {
          problems.add("after the revocation node " + node + " answered " + read.status() + " for " + path.split("/")[2]);
        }
      }
      Client.Answer search = network.receiver.get(node(node), "/fhir/Task?_id=" + referral.ids().get("Task"));
      if (search.status() != 200 || search.body().contains("\"resourceType\":\"Task\"")) {
        problems.add("after the revocation node " + node + "'s search still found the Task");
      }
    }
    Set<String> versions = new java.util.HashSet<>();
    for (int node = 1; node <= 3; node++) {
      Client.Answer read = network.sender.get(node(node), consent);
      versions.add(read.status() + " " + versionAndStatus(read.body()));
    }
    if (versions.size() != 1 || !versions.iterator().next().contains("inactive")) {
      problems.add("the nodes disagree on the consent in force: " + versions);
    }
    return problems;
  }

  private static String versionAndStatus(String body) {
    if (body == null) {
      return "none";
    }
    String version = body.replaceAll("(?s).*\"versionId\":\"([^\"]+)\".*", "$1");
    String status = body.replaceAll("(?s).*\"status\":\"([^\"]+)\".*", "$1");
    return version + " " + status;
  }

  private static String node(int node) {
    return "http://127.0.0.1:" + (8090 + node);
  }

  private static boolean ready(int node) {
    return Client.call(node(node), "GET", "/actuator/health/readiness", null, null, null).status() == 200;
  }

  private static List<String> concat(Collection<String> first, Collection<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  /** The table, in Markdown. */
  static String table(List<Row> rows) {
    StringBuilder table = new StringBuilder(
        "| fault | referrals sent | requests sent | acknowledged | lost | errors seen by clients | time to recover |\n"
            + "| --- | --- | --- | --- | --- | --- | --- |\n");
    for (Row row : rows) {
      String errors = row.errors().isEmpty() ? "none" : row.errors().entrySet().stream()
          .map(e -> e.getValue() + " × " + e.getKey()).collect(Collectors.joining(", "));
      table.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %s | %.1f s |%n", row.fault(), row.referrals(),
          row.requests(), row.acknowledged(), row.lost(), errors, row.recoverySeconds()));
    }
    return table.toString();
  }

  static Map<String, Row> byFault(List<Row> rows) {
    Map<String, Row> map = new LinkedHashMap<>();
    rows.forEach(row -> map.put(row.fault(), row));
    return map;
  }
}
