package org.passagegateway.bench;

import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.passagegateway.gateway.identity.DerivationTiming;

/**
 * What issuing network pseudonyms costs (issue 16), and what guessing a woman's UIC would cost.
 *
 * <ul>
 *   <li>In-process: normalizing answers and deriving the pseudonym (HMAC-SHA256), per second on
 *       one thread; and one guess of an attacker who holds the key (a derivation of a normalized
 *       UIC), against the size of the default UIC's space.
 *   <li>Over HTTP: {@code Patient/$pseudonym} calls per second with concurrent clients against the
 *       demo build (which also records each pseudonym issued and an audit event).
 * </ul>
 *
 * <p>Prints its figures; asserts nothing. Run with {@code bench/identity.sh}.
 */
public final class IdentityBenchmark {

  private final HttpClient http = HttpClient.newHttpClient();

  public static void main(String[] args) throws Exception {
    new IdentityBenchmark().run(GatewayProcess.jar(), Integer.getInteger("threads", 4), Integer.getInteger("rounds", 5),
        Integer.getInteger("perRound", 500), Integer.getInteger("inProcess", 200_000));
  }

  private void run(java.nio.file.Path jar, int threads, int rounds, int perRound, int inProcess) throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    DerivationTiming timing = new DerivationTiming(key);
    Map<String, String> answers = Map.of("mother-given-name", "Lucía", "given-name", "Ana", "sex", "F",
        "birth-year", "1996", "birth-month", "3");
    for (int i = 0; i < inProcess / 4; i++) {
      timing.derive(answers);
    }
    long start = System.nanoTime();
    for (int i = 0; i < inProcess; i++) {
      timing.derive(answers);
    }
    double derivations = inProcess / ((System.nanoTime() - start) / 1e9);
    start = System.nanoTime();
    for (int i = 0; i < inProcess; i++) {
      timing.deriveNormalized("LU|AN|F|" + (1900 + i % 127) + "|" + String.format(Locale.ROOT, "%02d", 1 + i % 12));
    }
    double guesses = inProcess / ((System.nanoTime() - start) / 1e9);
    // Two letters (26 of them, or the filler) twice, F/M/X or unknown, a year from 1900 on or unknown, a month or unknown.
    double space = Math.pow(27 * 27, 2) * 4 * 128 * 13;
    System.out.printf(Locale.ROOT, "in-process, one thread: %,.0f derivations/s from answers; %,.0f guesses/s of a key "
        + "holder; the default UIC's %,.0f codes take %,.0f s to enumerate with the key, and cannot be tested at all "
        + "without it%n", derivations, guesses, space, space / guesses);

    try (GatewayProcess gateway = GatewayProcess.start(jar, "identity", List.of())) {
      BenchTokens site = new BenchTokens(http, gateway.base(), "demo-site-hr-1", "system/Patient.crus");
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      round(pool, threads, site, perRound);
      List<Double> rates = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        double rate = round(pool, threads, site, perRound);
        rates.add(rate);
        System.out.printf(Locale.ROOT, "round %d: %.1f $pseudonym/s%n", round, rate);
      }
      pool.shutdown();
      System.out.printf(Locale.ROOT, "over HTTP, %d clients: %.1f $pseudonym/s (median of %d rounds of %d)%n", threads,
          Percentiles.of(rates, 50), rounds, perRound);
      // The same answer for everyone: a woman never seen and one known, one request at a time, alternately.
      List<Double> unknown = new ArrayList<>();
      List<Double> known = new ArrayList<>();
      site.pseudonym("Known", "Woman", 1990, 6);
      for (int i = 0; i < perRound; i++) {
        long sent = System.nanoTime();
        site.pseudonym();
        unknown.add((System.nanoTime() - sent) / 1e6);
        sent = System.nanoTime();
        site.pseudonym("Known", "Woman", 1990, 6);
        known.add((System.nanoTime() - sent) / 1e6);
      }
      System.out.printf(Locale.ROOT, "one at a time, %d each: a woman never seen p50 %.2f ms (p90 %.2f), one known p50 %.2f ms"
          + " (p90 %.2f); ratio of medians %.3f%n", perRound, Percentiles.of(unknown, 50), Percentiles.of(unknown, 90),
          Percentiles.of(known, 50), Percentiles.of(known, 90), Percentiles.of(unknown, 50) / Percentiles.of(known, 50));
    }
  }

  private static double round(ExecutorService pool, int threads, BenchTokens site, int count) throws Exception {
    return ParallelJobs.run(pool, threads, count, i -> site.pseudonym());
  }
}
