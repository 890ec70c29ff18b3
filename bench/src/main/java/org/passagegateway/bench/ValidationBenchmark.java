package org.passagegateway.bench;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.passagegateway.testdata.ReferralTransactions;

/**
 * What profile validation costs (issue 3), measured over HTTP against two gateways built from the
 * same jar and started side by side: one validating every write (the default), one with
 * {@code passage.benchmark.checks-off=profiles}.
 *
 * <ul>
 *   <li>Validation time of one referral transaction (client, referral, Task, consent): the
 *       gateway's own {@code Server-Timing: validation} header, summed over the four entries.
 *   <li>Throughput of referral transactions, validation on versus off: rounds of the same
 *       transactions, alternating between the two gateways so that both see the same machine.
 * </ul>
 *
 * <p>Prints its figures; asserts nothing. Run with {@code bench/validation.sh}.
 */
public final class ValidationBenchmark {

  private static final Pattern SERVER_TIMING = Pattern.compile("validation;dur=([0-9.]+)");
  private static final FhirContext FHIR = FhirContext.forR4Cached();

  private final HttpClient http = HttpClient.newHttpClient();
  private final java.util.Map<GatewayProcess, BenchTokens> tokens = new java.util.concurrent.ConcurrentHashMap<>();

  private BenchTokens tokensOf(GatewayProcess gateway) {
    try {
      return new BenchTokens(http, gateway.base(), "demo-site-hr-1", "system/Patient.crus system/ServiceRequest.crus "
          + "system/Task.crus system/Consent.crus");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static void main(String[] args) throws Exception {
    Path jar = GatewayProcess.jar();
    int warmup = Integer.getInteger("warmup", 300);
    int rounds = Integer.getInteger("rounds", 5);
    int perRound = Integer.getInteger("perRound", 200);
    int threads = Integer.getInteger("threads", 2);
    new ValidationBenchmark().run(jar, warmup, rounds, perRound, threads);
  }

  private void run(Path jar, int warmup, int rounds, int perRound, int threads) throws Exception {
    System.out.printf(Locale.ROOT, "validation benchmark: warm-up %d, %d rounds of %d referral transactions, %d client threads%n",
        warmup, rounds, perRound, threads);
    try (GatewayProcess on = GatewayProcess.start(jar, "on", List.of("--passage.validation.server-timing=true"));
        GatewayProcess off = GatewayProcess.start(jar, "off", List.of(GatewayProcess.checksOff("profiles")))) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Double> validationMillis = Collections.synchronizedList(new ArrayList<>());
      List<Double> latencyOn = Collections.synchronizedList(new ArrayList<>());
      List<Double> latencyOff = Collections.synchronizedList(new ArrayList<>());
      batch(pool, on, warmup, new ArrayList<>(), new ArrayList<>());
      batch(pool, off, warmup, new ArrayList<>(), new ArrayList<>());

      List<Double> throughputOn = new ArrayList<>();
      List<Double> throughputOff = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        double tpsOn = batch(pool, on, perRound, latencyOn, validationMillis);
        double tpsOff = batch(pool, off, perRound, latencyOff, new ArrayList<>());
        throughputOn.add(tpsOn);
        throughputOff.add(tpsOff);
        System.out.printf(Locale.ROOT, "round %d: validation on %.1f tx/s, off %.1f tx/s%n", round, tpsOn, tpsOff);
      }
      pool.shutdown();

      System.out.printf(Locale.ROOT, "validation time per referral transaction (4 resources): median %.2f ms, p95 %.2f ms (n=%d)%n",
          Percentiles.of(validationMillis, 50), Percentiles.of(validationMillis, 95), validationMillis.size());
      System.out.printf(Locale.ROOT, "transaction latency: validation on median %.2f ms (p95 %.2f), off median %.2f ms (p95 %.2f)%n",
          Percentiles.of(latencyOn, 50), Percentiles.of(latencyOn, 95), Percentiles.of(latencyOff, 50), Percentiles.of(latencyOff, 95));
      double medianOn = Percentiles.of(throughputOn, 50);
      double medianOff = Percentiles.of(throughputOff, 50);
      System.out.printf(Locale.ROOT, "throughput (median of rounds): validation on %.1f tx/s, off %.1f tx/s, ratio on/off %.2f%n",
          medianOn, medianOff, medianOn / medianOff);
    }
  }

  /** Sends {@code count} referral transactions; returns transactions per second. */
  private double batch(ExecutorService pool, GatewayProcess gateway, int count, List<Double> latencies,
      List<Double> validation) throws Exception {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      bodies.add(FHIR.newJsonParser().encodeResourceToString(ReferralTransactions.newClientReferral(
          tokensOf(gateway).pseudonym(), "hr-1", "anc-1", "prenatal-care", "pregnancy-care", Instant.now())));
    }
    AtomicLong next = new AtomicLong();
    long start = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    int threads = ((java.util.concurrent.ThreadPoolExecutor) pool).getCorePoolSize();
    for (int t = 0; t < threads; t++) {
      workers.add(pool.submit(() -> {
        for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
          send(gateway, bodies.get((int) i), latencies, validation);
        }
        return null;
      }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    return count / ((System.nanoTime() - start) / 1e9);
  }

  private void send(GatewayProcess gateway, String body, List<Double> latencies, List<Double> validation) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.fhirBase()))
        .header("Content-Type", "application/fhir+json")
        .header("Authorization", "Bearer " + tokens.computeIfAbsent(gateway, this::tokensOf).current())
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    long start = System.nanoTime();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    latencies.add((System.nanoTime() - start) / 1e6);
    if (response.statusCode() != 200) {
      throw new IllegalStateException("transaction refused: HTTP " + response.statusCode() + " " + response.body());
    }
    response.headers().firstValue("Server-Timing").map(SERVER_TIMING::matcher).filter(Matcher::find)
        .ifPresent(m -> validation.add(Double.parseDouble(m.group(1))));
  }
}
