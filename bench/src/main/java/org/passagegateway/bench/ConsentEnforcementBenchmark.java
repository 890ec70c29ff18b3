package org.passagegateway.bench;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.passagegateway.testdata.ReferralTransactions;

/**
 * What consent enforcement costs a reader (issue 6), over HTTP against two gateways built from the
 * same jar and started side by side with the same data: one as shipped, one with {@code
 * passage.benchmark.checks-off=consent} (allowed only with the demo network: a site then sees whatever it
 * is a party to). Both check tokens, scopes and the site boundary, and audit reads.
 *
 * <p>The harm reduction site refers {@code referrals} new clients to the TB service, each with her
 * own consent; the TB service (not their custodian, so every resource it is shown needs a consent
 * decision) then reads, in alternating rounds, one client thread:
 *
 * <ul>
 *   <li>its inbox page of 50 Tasks ({@code Task?owner=Organization/tb-1&_count=50}): 50 clients,
 *       50 decisions;
 *   <li>the same page with each Task's referral ({@code &_include=Task:focus}): 100 decisions;
 *   <li>one referral ({@code ServiceRequest/[id]}).
 * </ul>
 *
 * <p>Prints its figures; asserts nothing. Run with {@code bench/consent-enforcement.sh}.
 */
public final class ConsentEnforcementBenchmark {

  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private final HttpClient http = HttpClient.newHttpClient();

  public static void main(String[] args) throws Exception {
    Path jar = GatewayProcess.jar();
    new ConsentEnforcementBenchmark().run(jar, Integer.getInteger("referrals", 60), Integer.getInteger("rounds", 5),
        Integer.getInteger("perRound", 200), Integer.getInteger("warmup", 3));
  }

  private void run(Path jar, int referrals, int rounds, int perRound, int warmup) throws Exception {
    System.out.printf(Locale.ROOT, "consent enforcement benchmark: %d referrals to tb-1; %d warm-up and %d measured rounds "
        + "of %d requests per path and gateway, one client, alternating%n", referrals, warmup, rounds, perRound);
    try (GatewayProcess on = GatewayProcess.start(jar, "consent-on", List.of());
        GatewayProcess off = GatewayProcess.start(jar, "consent-off", List.of(GatewayProcess.checksOff("consent")))) {
      String referralOn = seed(on, referrals);
      String referralOff = seed(off, referrals);
      BenchTokens tbOn = new BenchTokens(http, on.base(), "demo-site-tb-1", "system/Task.rs system/ServiceRequest.rs");
      BenchTokens tbOff = new BenchTokens(http, off.base(), "demo-site-tb-1", "system/Task.rs system/ServiceRequest.rs");
      String inbox = "/Task?owner=Organization/tb-1&_count=50";
      check(on, tbOn, inbox, 50);
      check(off, tbOff, inbox, 50);
      for (String[] path : List.of(new String[] {"search, 50 Tasks", inbox, inbox},
          new String[] {"search, 50 Tasks + 50 referrals (_include)", inbox + "&_include=Task:focus", inbox + "&_include=Task:focus"},
          new String[] {"read of a referral", "/ServiceRequest/" + referralOn, "/ServiceRequest/" + referralOff})) {
        for (int i = 0; i < warmup; i++) {
          reads(on, tbOn, path[1], perRound, new ArrayList<>());
          reads(off, tbOff, path[2], perRound, new ArrayList<>());
        }
        List<Double> enforced = new ArrayList<>();
        List<Double> parties = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
          List<Double> roundOn = new ArrayList<>();
          List<Double> roundOff = new ArrayList<>();
          reads(on, tbOn, path[1], perRound, roundOn);
          reads(off, tbOff, path[2], perRound, roundOff);
          enforced.addAll(roundOn);
          parties.addAll(roundOff);
          ratios.add(Percentiles.of(roundOn, 50) / Percentiles.of(roundOff, 50));
        }
        double on50 = Percentiles.of(enforced, 50);
        double off50 = Percentiles.of(parties, 50);
        System.out.printf(Locale.ROOT, "%s: enforced median %.2f ms (p95 %.2f), not enforced median %.2f ms (p95 %.2f); "
            + "enforcement adds %.1f%% at the median (rounds: %s) (n=%d each)%n", path[0], on50,
            Percentiles.of(enforced, 95), off50, Percentiles.of(parties, 95), (on50 / off50 - 1) * 100,
            ratios.stream().map(r -> String.format(Locale.ROOT, "%+.1f%%", (r - 1) * 100)).toList(), enforced.size());
      }
    }
  }

  /** The harm reduction site refers new clients to the TB service; answers the last referral's id. */
  private String seed(GatewayProcess gateway, int referrals) throws Exception {
    BenchTokens hr = new BenchTokens(http, gateway.base(), "demo-site-hr-1",
        "system/Patient.crus system/ServiceRequest.crus system/Task.crus system/Consent.crus");
    String last = null;
    for (int i = 0; i < referrals; i++) {
      Bundle referral = ReferralTransactions.newClientReferral(hr.pseudonym(), "hr-1", "tb-1", "tb",
          "presumptive-tb", Instant.now());
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway.fhirBase()))
          .header("Authorization", "Bearer " + hr.current()).header("Content-Type", "application/fhir+json")
          .POST(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(referral))).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("referral: HTTP " + response.statusCode() + " " + response.body());
      }
      Bundle answer = FHIR.newJsonParser().parseResource(Bundle.class, response.body());
      last = answer.getEntry().stream().map(entry -> new IdType(entry.getResponse().getLocation()))
          .filter(id -> "ServiceRequest".equals(id.getResourceType())).findFirst().orElseThrow().getIdPart();
    }
    return last;
  }

  private void check(GatewayProcess gateway, BenchTokens tokens, String path, int expected) throws Exception {
    Bundle page = FHIR.newJsonParser().parseResource(Bundle.class, get(gateway, tokens, path).body());
    if (page.getEntry().size() != expected) {
      throw new IllegalStateException(path + " shows " + page.getEntry().size() + " resources, not " + expected);
    }
  }

  private void reads(GatewayProcess gateway, BenchTokens tokens, String path, int count, List<Double> latencies)
      throws Exception {
    for (int i = 0; i < count; i++) {
      long sent = System.nanoTime();
      HttpResponse<String> response = get(gateway, tokens, path);
      latencies.add((System.nanoTime() - sent) / 1e6);
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
      }
    }
  }

  private HttpResponse<String> get(GatewayProcess gateway, BenchTokens tokens, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(gateway.fhirBase() + path))
        .header("Authorization", "Bearer " + tokens.current()).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
