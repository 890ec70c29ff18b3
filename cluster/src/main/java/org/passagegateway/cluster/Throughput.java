package org.passagegateway.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Referral throughput through HAProxy with one, two and three gateway nodes on the cluster, in
 * alternating rounds of one run, and where the machine's CPU went in each: the gateway nodes,
 * PostgreSQL (primary and standbys), HAProxy, Patroni and etcd, and the load clients themselves.
 * The nodes not in use are taken out of HAProxy's rotation (they stay up, idle). Prints its
 * figures; not a test. Usage: {@code scripts/cluster-throughput}.
 */
public final class Throughput {

  private static final List<String> COMPONENTS = List.of("gateway nodes", "PostgreSQL primary", "PostgreSQL standbys",
      "HAProxy", "Patroni + etcd", "load clients", "other");

  private Throughput() {}

  public static void main(String[] args) throws Exception {
    int clients = Integer.getInteger("clients", 8);
    int perRound = Integer.getInteger("perRound", 300);
    int rounds = Integer.getInteger("rounds", 3);
    ClusterScript script = ClusterScript.find();
    if (!Boolean.getBoolean("keepCluster")) {
      script.run("destroy");
      script.run("start");
    }
    Map<String, String> env = script.env();
    try (Receiver receiver = new Receiver(Path.of(env.get("PASSAGE_CLUSTER_RECEIVER_KEYSTORE")))) {
      Network network = Network.setUp(env, receiver.address());
      measure(script, network, clients, perRound); // warm-up: every node's JIT and pools
      Map<Integer, List<double[]>> byNodes = new LinkedHashMap<>();
      for (int round = 1; round <= rounds; round++) {
        for (int nodes = 1; nodes <= 3; nodes++) {
          for (int n = 1; n <= 3; n++) {
            script.run("node", n <= nodes ? "undrain" : "drain", Integer.toString(n));
          }
          double[] figures = measure(script, network, clients, perRound);
          byNodes.computeIfAbsent(nodes, k -> new ArrayList<>()).add(figures);
          System.err.printf(Locale.ROOT, "[throughput] round %d, %d node(s): %.1f referrals/s%n", round, nodes, figures[0]);
        }
      }
      for (int n = 1; n <= 3; n++) {
        script.run("node", "undrain", Integer.toString(n));
      }
      network.unsubscribe();
      System.out.println(table(byNodes, clients));
    }
  }

  /** One measured stretch: referrals/s, p50 and p99 ms, machine CPU %, then CPU ms per referral by component. */
  private static double[] measure(ClusterScript script, Network network, int clients, int count) throws IOException {
    String primary = script.run("db", "primary");
    Map<String, Long> cpuBefore = cpuByComponent(script, primary);
    long[] machineBefore = machineCpu();
    long started = System.nanoTime();
    int acknowledged;
    List<Double> latencies;
    try (ReferralLoad load = new ReferralLoad(network, clients, false)) {
      load.awaitAcknowledged(count, Duration.ofSeconds(120));
      acknowledged = load.acknowledgedCount();
      latencies = new ArrayList<>(load.latenciesMs);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    Map<String, Long> cpuAfter = cpuByComponent(script, primary);
    long[] machineAfter = machineCpu();
    Collections.sort(latencies);
    double[] figures = new double[4 + COMPONENTS.size()];
    figures[0] = acknowledged / seconds;
    figures[1] = percentile(latencies, 50);
    figures[2] = percentile(latencies, 99);
    long busy = machineAfter[0] - machineBefore[0];
    long total = machineAfter[1] - machineBefore[1];
    figures[3] = total == 0 ? 0 : 100.0 * busy / total;
    for (int i = 0; i < COMPONENTS.size(); i++) {
      String component = COMPONENTS.get(i);
      long ticks = cpuAfter.getOrDefault(component, 0L) - cpuBefore.getOrDefault(component, 0L);
      figures[4 + i] = ticks * 10.0 / acknowledged; // 100 ticks a second: ms per referral
    }
    return figures;
  }

  private static double percentile(List<Double> sorted, int p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  /** CPU ticks (user + system) used so far by each component's processes. */
  private static Map<String, Long> cpuByComponent(ClusterScript script, String primary) throws IOException {
    List<Long> gatewayPids = new ArrayList<>();
    for (int n = 1; n <= 3; n++) {
      Path pid = Path.of(script.env().get("PASSAGE_CLUSTER_DIR"), "run", "node" + n + ".pid");
      if (Files.exists(pid)) {
        gatewayPids.add(Long.parseLong(Files.readString(pid).trim()));
      }
    }
    long self = ProcessHandle.current().pid();
    Map<Long, String[]> processes = new LinkedHashMap<>(); // pid -> {stat, cmdline}
    try (Stream<Path> all = Files.list(Path.of("/proc"))) {
      for (Path process : (Iterable<Path>) all.filter(p -> p.getFileName().toString().matches("\\d+"))::iterator) {
        try {
          processes.put(Long.parseLong(process.getFileName().toString()), new String[] {
              Files.readString(process.resolve("stat")), Files.readString(process.resolve("cmdline")).replace('\0', ' ')});
        } catch (IOException gone) {
          // the process ended while being read
        }
      }
    }
    Map<String, Long> ticks = new LinkedHashMap<>();
    processes.forEach((pid, process) -> {
      String[] fields = process[0].substring(process[0].lastIndexOf(')') + 2).split(" ");
      long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      String component = component(pid, self, gatewayPids, process[0], process[1]);
      if (component.equals("PostgreSQL")) {
        // A server process's member: its own data folder, or its postmaster's (its parent).
        String[] postmaster = process[1].contains("/data") ? process : processes.get(Long.parseLong(fields[1]));
        boolean ofPrimary = postmaster != null && postmaster[1].contains("/" + primary + "/data");
        component = ofPrimary ? "PostgreSQL primary" : "PostgreSQL standbys";
      }
      ticks.merge(component, used, Long::sum);
    });
    return ticks;
  }

  private static String component(long pid, long self, List<Long> gateways, String stat, String cmdline) {
    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    if (gateways.contains(pid)) {
      return "gateway nodes";
    }
    if (pid == self) {
      return "load clients";
    }
    if (name.startsWith("postgres") || cmdline.startsWith("postgres")) {
      return "PostgreSQL";
    }
    if (name.equals("haproxy")) {
      return "HAProxy";
    }
    if (name.equals("etcd") || cmdline.contains("patroni")) {
      return "Patroni + etcd";
    }
    return "other";
  }

  /** Busy and total jiffies of the whole machine, from /proc/stat. */
  private static long[] machineCpu() throws IOException {
    String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    long total = 0;
    for (int i = 1; i < cpu.length; i++) {
      total += Long.parseLong(cpu[i]);
    }
    long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
    return new long[] {total - idle, total};
  }

  private static String table(Map<Integer, List<double[]>> byNodes, int clients) {
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
        "Referral transactions through HAProxy, %d clients, median of rounds%n%n", clients));
    table.append("| gateway nodes | referrals/s | transaction p50 ms | transaction p99 ms | machine CPU busy |");
    COMPONENTS.forEach(c -> table.append(' ').append(c).append(" (CPU ms/referral) |"));
    table.append('\n').append("| --- ".repeat(5 + COMPONENTS.size())).append("|\n");
    byNodes.forEach((nodes, rounds) -> {
      table.append(String.format(Locale.ROOT, "| %d | %.1f | %.0f | %.0f | %.0f %% |", nodes, median(rounds, 0),
          median(rounds, 1), median(rounds, 2), median(rounds, 3)));
      for (int i = 0; i < COMPONENTS.size(); i++) {
        table.append(String.format(Locale.ROOT, " %.1f |", median(rounds, 4 + i)));
      }
      table.append('\n');
    });
    return table.toString();
  }

  private static double median(List<double[]> rounds, int index) {
    List<Double> values = new ArrayList<>(rounds.stream().map(r -> r[index]).toList());
    Collections.sort(values);
    return values.get(values.size() / 2);
  }
}
