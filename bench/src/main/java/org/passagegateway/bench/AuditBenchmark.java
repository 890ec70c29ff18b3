package org.passagegateway.bench;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.passagegateway.testdata.ReferralTransactions;

/**
 * The audit log's costs (issue 7), against gateways built from the same jar.
 *
 * <ol>
 *   <li>Under referral load: concurrent sites' referral transactions (client, referral, Task,
 *       consent) against a gateway as shipped and one with {@code passage.benchmark.checks-off=audit}
 *       (allowed only with the demo network on the embedded database, so both run on H2), in
 *       alternating rounds: transactions per second and latency of each, and the events the
 *       shipped one appended per second.
 *   <li>Verification over a large log, on PostgreSQL: {@code events} events are added directly in the database
 *       (copies of a real read event of the gateway, each for another client, placed and hashed
 *       in SQL as the sequencer does), then the gateway signs a checkpoint of the whole log, an
 *       auditor runs {@code AuditEvent/$verify} (every event hashed, its search columns checked,
 *       every checkpoint's root recomputed), exports the log and verifies the export offline
 *       with {@code scripts/AuditVerify.java}.
 * </ol>
 *
 * <p>Prints its figures; asserts nothing. Run with {@code bench/audit.sh}.
 */
public final class AuditBenchmark {

  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private final HttpClient http = HttpClient.newHttpClient();

  public static void main(String[] args) throws Exception {
    String jdbc = System.getProperty("jdbc");
    if (jdbc == null || jdbc.isBlank()) {
      throw new IllegalArgumentException("-Djdbc=jdbc:postgresql://...?user=...&password=... is required");
    }
    new AuditBenchmark().run(GatewayProcess.jar(), jdbc,
        Integer.getInteger("threads", 4), Integer.getInteger("warmup", 200), Integer.getInteger("rounds", 5),
        Integer.getInteger("perRound", 200), Integer.getInteger("events", 1_000_000));
  }

  private void run(Path jar, String jdbc, int threads, int warmup, int rounds, int perRound, int events) throws Exception {
    System.out.printf(Locale.ROOT, "audit benchmark: %d client threads, %d warm-up referrals, %d alternating rounds of %d "
        + "referral transactions per gateway; then verification over %,d more events%n", threads, warmup, rounds, perRound,
        events);
    // The audited gateway serves its H2 database to the benchmark's own connection (AUTO_SERVER), which counts events.
    // (H2 2.3 refuses AUTO_SERVER with DB_CLOSE_ON_EXIT=FALSE.) ROUNDS=0 measures verification only.
    Path folder = BenchFolders.create("passage-bench-audited-");
    String h2 = "jdbc:h2:file:" + folder.resolve("data/passage").toAbsolutePath() + ";AUTO_SERVER=TRUE";
    if (rounds > 0) {
      try (GatewayProcess audited = GatewayProcess.startIn(jar, folder, List.of("--spring.datasource.url=" + h2));
          GatewayProcess quiet = GatewayProcess.start(jar, "unaudited", List.of(GatewayProcess.checksOff("audit")));
          Connection sql = DriverManager.getConnection(h2, "sa", "")) {
        load(audited, sql, quiet, threads, warmup, rounds, perRound);
      }
    }
    try (GatewayProcess audited = GatewayProcess.start(jar, "verified", List.of("--spring.datasource.url=" + jdbc));
        Connection sql = DriverManager.getConnection(jdbc)) {
      verification(audited, sql, events);
    }
  }

  private void load(GatewayProcess audited, Connection sql, GatewayProcess quiet, int threads, int warmup, int rounds,
      int perRound) throws Exception {
    BenchTokens onTokens = new BenchTokens(http, audited.base(), "demo-site-hr-1", SCOPE);
    BenchTokens offTokens = new BenchTokens(http, quiet.base(), "demo-site-hr-1", SCOPE);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    referrals(pool, audited, onTokens, warmup, new ArrayList<>());
    referrals(pool, quiet, offTokens, warmup, new ArrayList<>());
    List<Double> onRates = new ArrayList<>();
    List<Double> offRates = new ArrayList<>();
    List<Double> eventRates = new ArrayList<>();
    List<Double> onLatency = Collections.synchronizedList(new ArrayList<>());
    List<Double> offLatency = Collections.synchronizedList(new ArrayList<>());
    long eventsPerTransaction = -1;
    for (int round = 1; round <= rounds; round++) {
      long before = count(sql);
      long start = System.nanoTime();
      double on = referrals(pool, audited, onTokens, perRound, onLatency);
      double seconds = (System.nanoTime() - start) / 1e9;
      long appended = count(sql) - before;
      eventsPerTransaction = Math.round((double) appended / perRound);
      eventRates.add(appended / seconds);
      double off = referrals(pool, quiet, offTokens, perRound, offLatency);
      onRates.add(on);
      offRates.add(off);
      System.out.printf(Locale.ROOT, "round %d: audited %.1f tx/s (%d events appended, %.0f events/s), unaudited %.1f tx/s%n",
          round, on, appended, appended / seconds, off);
    }
    pool.shutdown();
    System.out.printf(Locale.ROOT, "referral transactions (medians of rounds): audited %.1f tx/s, p50 %.1f ms, p99 %.1f ms; "
        + "unaudited %.1f tx/s, p50 %.1f ms, p99 %.1f ms; audit events appended %.0f/s (%d per referral transaction); "
        + "the audit log costs %.1f%% of the throughput, %.1f ms at the median latency%n",
        Percentiles.of(onRates, 50), Percentiles.of(onLatency, 50), Percentiles.of(onLatency, 99),
        Percentiles.of(offRates, 50), Percentiles.of(offLatency, 50), Percentiles.of(offLatency, 99),
        Percentiles.of(eventRates, 50), eventsPerTransaction,
        (1 - Percentiles.of(onRates, 50) / Percentiles.of(offRates, 50)) * 100,
        Percentiles.of(onLatency, 50) - Percentiles.of(offLatency, 50));
  }

  private static final String SCOPE = "system/Patient.crus system/ServiceRequest.crus system/Task.crus system/Consent.crus";

  /** Sends referral transactions on the pool's threads; answers transactions per second. */
  private double referrals(ExecutorService pool, GatewayProcess gateway, BenchTokens tokens, int count, List<Double> latencies)
      throws Exception {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      bodies.add(FHIR.newJsonParser().encodeResourceToString(ReferralTransactions.newClientReferral(
          tokens.pseudonym(), "hr-1", "tb-1", "tb", "presumptive-tb", Instant.now())));
    }
    AtomicInteger next = new AtomicInteger();
    int threads = ((java.util.concurrent.ThreadPoolExecutor) pool).getCorePoolSize();
    List<Future<?>> workers = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      workers.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
          long sent = System.nanoTime();
          HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway.fhirBase()))
              .header("Authorization", "Bearer " + tokens.current()).header("Content-Type", "application/fhir+json")
              .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i))).build(), HttpResponse.BodyHandlers.ofString());
          latencies.add((System.nanoTime() - sent) / 1e6);
          if (response.statusCode() != 200) {
            throw new IllegalStateException("referral: HTTP " + response.statusCode() + " " + response.body());
          }
        }
        return null;
      }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    return count / ((System.nanoTime() - start) / 1e9);
  }

  private void verification(GatewayProcess gateway, Connection sql, int events) throws Exception {
    BenchTokens site = new BenchTokens(http, gateway.base(), "demo-site-hr-1", SCOPE);
    get(gateway, site, "/fhir/Task/task-anc-1");
    BenchTokens auditor = new BenchTokens(http, gateway.base(), "demo-auditor", "system/AuditEvent.crs");
    post(gateway, auditor, "/fhir/AuditEvent/$checkpoint");
    long start = System.nanoTime();
    long size = AuditLogInflation.inflate(sql, events);
    long head = size - events;
    System.out.printf(Locale.ROOT, "added %,d events in SQL in %.1f s (log now %,d events)%n", events,
        (System.nanoTime() - start) / 1e9, head + events);

    start = System.nanoTime();
    String checkpoint = post(gateway, auditor, "/fhir/AuditEvent/$checkpoint");
    System.out.printf(Locale.ROOT, "checkpoint of the whole log signed in %.1f s%n", (System.nanoTime() - start) / 1e9);
    if (!checkpoint.contains(Long.toString(head + events))) {
      throw new IllegalStateException("the checkpoint is not of the whole log: " + checkpoint);
    }
    start = System.nanoTime();
    String verified = get(gateway, auditor, "/fhir/AuditEvent/$verify");
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!verified.contains("\"valueBoolean\":true")) {
      throw new IllegalStateException("the log does not verify: " + verified);
    }
    System.out.printf(Locale.ROOT, "$verify of %,d events: %.1f s, %,.0f events/s%n", head + events, seconds,
        (head + events) / seconds);

    Path export = Files.createTempFile("passage-audit-", ".zip");
    start = System.nanoTime();
    HttpResponse<Path> exported = http.send(HttpRequest.newBuilder(URI.create(gateway.base() + "/audit/export"))
        .header("Authorization", "Bearer " + auditor.current()).GET().build(), HttpResponse.BodyHandlers.ofFile(export));
    if (exported.statusCode() != 200) {
      throw new IllegalStateException("export: HTTP " + exported.statusCode());
    }
    System.out.printf(Locale.ROOT, "export: %.1f s, %,d bytes%n", (System.nanoTime() - start) / 1e9, Files.size(export));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "scripts/AuditVerify.java", export.toString()));
    try (Statement statement = sql.createStatement(); ResultSet keys = statement.executeQuery("select verifier_key from psg_audit_key")) {
      while (keys.next()) {
        command.add("--key");
        command.add(keys.getString(1));
      }
    }
    start = System.nanoTime();
    Process offline = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(offline.getInputStream().readAllBytes());
    int exit = offline.waitFor();
    seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "offline verification (scripts/audit-verify, JVM start included): exit %d in %.1f s, "
        + "%,.0f events/s: %s%n", exit, seconds, (head + events) / seconds, output.trim().replace('\n', ' '));
    Files.delete(export);
  }

  private long count(Connection sql) throws Exception {
    try (Statement statement = sql.createStatement(); ResultSet row = statement.executeQuery("select count(*) from psg_audit_event")) {
      row.next();
      return row.getLong(1);
    }
  }

  private String get(GatewayProcess gateway, BenchTokens tokens, String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(gateway.base() + path)).GET(), tokens, path);
  }

  private String post(GatewayProcess gateway, BenchTokens tokens, String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(gateway.base() + path)).POST(HttpRequest.BodyPublishers.noBody()),
        tokens, path);
  }

  private String send(HttpRequest.Builder request, BenchTokens tokens, String path) throws Exception {
    HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + tokens.current())
        .timeout(java.time.Duration.ofMinutes(30)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }
}
