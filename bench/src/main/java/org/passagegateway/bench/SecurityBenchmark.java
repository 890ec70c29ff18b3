package org.passagegateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What identity and access cost (issue 4), over HTTP against two gateways built from the same jar
 * and started side by side on the demo network: one as shipped, one with {@code
 * passage.benchmark.checks-off=access-control} (allowed only with the demo network).
 *
 * <ul>
 *   <li>Token issuance: client assertions are signed before timing starts, then exchanged at the
 *       token endpoint by concurrent clients; each exchange verifies the signature, checks and
 *       records the {@code jti} in the database and signs an access token.
 *   <li>A simple read, {@code GET /fhir/Organization/hr-1} (directory) and {@code GET
 *       /fhir/Task/task-anc-1} (a referral Task, through the site boundary), one client, with a
 *       token against the shipped gateway and without against the other, in alternating rounds.
 * </ul>
 *
 * <p>Prints its figures; asserts nothing. Run with {@code bench/security.sh}.
 */
public final class SecurityBenchmark {

  private static final String SITE = "demo-site-hr-1";
  private static final String SCOPE = "system/Task.rs system/Organization.rs";

  private final HttpClient http = HttpClient.newHttpClient();

  public static void main(String[] args) throws Exception {
    Path jar = GatewayProcess.jar();
    new SecurityBenchmark().run(jar, Integer.getInteger("rounds", 5), Integer.getInteger("tokensPerRound", 400),
        Integer.getInteger("readsPerRound", 1000), Integer.getInteger("threads", 2));
  }

  private void run(Path jar, int rounds, int tokensPerRound, int readsPerRound, int threads) throws Exception {
    System.out.printf(Locale.ROOT, "security benchmark: 3 warm-up and %d measured rounds of %d token requests on %d client "
        + "threads; 2 warm-up and %d measured rounds of %d reads per path and gateway, one client%n",
        rounds, tokensPerRound, threads, rounds, readsPerRound);
    try (GatewayProcess on = GatewayProcess.start(jar, "secured", List.of());
        GatewayProcess off = GatewayProcess.start(jar, "open", List.of(GatewayProcess.checksOff("access-control")))) {
      BenchTokens tokens = new BenchTokens(http, on.base(), SITE, SCOPE);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      for (int warmup = 0; warmup < 3; warmup++) {
        issue(pool, tokens, tokensPerRound, new ArrayList<>());
      }
      List<Double> tokenLatency = Collections.synchronizedList(new ArrayList<>());
      List<Double> issuance = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        double perSecond = issue(pool, tokens, tokensPerRound, tokenLatency);
        issuance.add(perSecond);
        System.out.printf(Locale.ROOT, "round %d: %.1f tokens/s%n", round, perSecond);
      }
      pool.shutdown();
      System.out.printf(Locale.ROOT, "token issuance (median of rounds): %.1f tokens/s; latency median %.2f ms, p95 %.2f ms%n",
          Percentiles.of(issuance, 50), Percentiles.of(tokenLatency, 50), Percentiles.of(tokenLatency, 95));

      for (String path : List.of("/Organization/hr-1", "/Task/task-anc-1")) {
        for (int warmup = 0; warmup < 2; warmup++) {
          reads(on, path, readsPerRound, tokens, new ArrayList<>());
          reads(off, path, readsPerRound, null, new ArrayList<>());
        }
        List<Double> secured = new ArrayList<>();
        List<Double> open = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
          reads(on, path, readsPerRound, tokens, secured);
          reads(off, path, readsPerRound, null, open);
        }
        double added = Percentiles.of(secured, 50) - Percentiles.of(open, 50);
        System.out.printf(Locale.ROOT, "GET %s: with access control median %.3f ms (p95 %.3f), without median %.3f ms (p95 %.3f); "
            + "added by token verification and access rules: %.3f ms at the median (n=%d each)%n", path,
            Percentiles.of(secured, 50), Percentiles.of(secured, 95), Percentiles.of(open, 50), Percentiles.of(open, 95), added, secured.size());
      }
    }
  }

  /** Exchanges {@code count} pre-signed assertions; returns tokens per second. */
  private double issue(ExecutorService pool, BenchTokens tokens, int count, List<Double> latencies) throws Exception {
    List<String> assertions = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      assertions.add(tokens.assertion());
    }
    AtomicInteger next = new AtomicInteger();
    int threads = ((java.util.concurrent.ThreadPoolExecutor) pool).getCorePoolSize();
    List<Future<?>> workers = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      workers.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
          long sent = System.nanoTime();
          tokens.request(assertions.get(i));
          latencies.add((System.nanoTime() - sent) / 1e6);
        }
        return null;
      }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    return count / ((System.nanoTime() - start) / 1e9);
  }

  private void reads(GatewayProcess gateway, String path, int count, BenchTokens tokens, List<Double> latencies)
      throws Exception {
    for (int i = 0; i < count; i++) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.fhirBase() + path)).GET();
      if (tokens != null) {
        request.header("Authorization", "Bearer " + tokens.current());
      }
      long sent = System.nanoTime();
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      latencies.add((System.nanoTime() - sent) / 1e6);
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
      }
    }
  }
}
