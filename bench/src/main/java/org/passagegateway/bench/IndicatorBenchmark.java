package org.passagegateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Indicator benchmark (issue 17): the time of {@code Measure/[id]/$evaluate-measure} over HTTP
 * for a year, for every measure, with 10k, 100k and 1M referrals on PostgreSQL. The referrals are
 * generated as facts in SQL (what evaluation reads: it never reads a resource), spread over 2025
 * across the demo sites, services, statuses, reasons, sexes and ages, about three referrals per
 * woman; the gateway keeps each report, audits each evaluation and checks each against the ledger,
 * as in production. Prints its figures; not a test.
 */
public final class IndicatorBenchmark {

  private static final List<String> MEASURES = List.of("passage-referral-outcomes", "passage-time-to-acceptance",
      "passage-time-to-completion", "passage-pmtct", "passage-release-linkage");
  private static final String PERIOD = "periodStart=2025-01-01&periodEnd=2025-12-31";

  private final HttpClient http = HttpClient.newHttpClient();

  public static void main(String[] args) throws Exception {
    String jdbc = System.getProperty("jdbc");
    if (jdbc == null || jdbc.isBlank()) {
      throw new IllegalArgumentException("-Djdbc=jdbc:postgresql://...?user=...&password=... is required");
    }
    int[] sizes = Arrays.stream(System.getProperty("sizes", "10000,100000,1000000").split(","))
        .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    new IndicatorBenchmark().run(jdbc, sizes, Integer.getInteger("rounds", 3));
  }

  private void run(String jdbc, int[] sizes, int rounds) throws Exception {
    System.out.printf(Locale.ROOT, "indicator benchmark: every measure for 2025 over HTTP, %d timed rounds after one"
        + " warm-up, referral facts %s on PostgreSQL%n", rounds, Arrays.toString(sizes));
    try (GatewayProcess gateway = GatewayProcess.start(GatewayProcess.jar(), "indicators",
        List.of("--spring.datasource.url=" + jdbc));
        Connection sql = DriverManager.getConnection(jdbc)) {
      BenchTokens auditor = new BenchTokens(http, gateway.base(), "demo-auditor", "system/MeasureReport.rs");
      System.out.println("| referrals | measure | median s | min s | max s |");
      System.out.println("| --- | --- | --- | --- | --- |");
      for (int size : sizes) {
        generate(sql, size);
        for (String measure : MEASURES) {
          evaluate(gateway, auditor, measure);
          List<Double> seconds = new ArrayList<>();
          for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            evaluate(gateway, auditor, measure);
            seconds.add((System.nanoTime() - start) / 1e9);
          }
          System.out.printf(Locale.ROOT, "| %,d | %s | %.2f | %.2f | %.2f |%n", size, measure, Percentiles.of(seconds, 50),
              seconds.stream().mapToDouble(d -> d).min().orElseThrow(), seconds.stream().mapToDouble(d -> d).max().orElseThrow());
        }
      }
    }
  }

  /** Replaces the generated referrals with {@code size} new ones (and the ledger of their year). */
  private static void generate(Connection sql, int size) throws Exception {
    long start = System.nanoTime();
    sql.setAutoCommit(false);
    try (Statement statement = sql.createStatement()) {
      statement.executeUpdate("delete from psg_referral_fact where task_id like 'bench-%'");
      statement.executeUpdate("delete from psg_indicator_release where period_start = date '2025-01-01'");
    }
    try (PreparedStatement insert = sql.prepareStatement(GENERATE)) {
      insert.setInt(1, Math.max(1, size / 3));
      insert.setInt(2, size);
      insert.executeUpdate();
    }
    sql.commit();
    try (Statement statement = sql.createStatement()) {
      sql.setAutoCommit(true);
      statement.execute("analyze psg_referral_fact");
    }
    System.out.printf(Locale.ROOT, "(generated %,d referral facts in %.1f s)%n", size, (System.nanoTime() - start) / 1e9);
  }

  /** Pseudo-random but repeatable: every attribute a different residue of the row number. */
  private static final String GENERATE = "insert into psg_referral_fact (task_id, patient_id, request_id, requester, owner,"
      + " performer_type, status, status_reason, sent_at, accepted_at, started_at, ended_at, accept_seconds,"
      + " complete_seconds, service_type, release_planning, sex, birth_year, woman)"
      + " select 'bench-' || g, 'bench-p-' || g, 'bench-r-' || g, requester, owner, null, status,"
      + " case status when 'rejected' then (array['no-capacity','eligibility-not-met','service-not-offered'])[1 + g % 3]"
      + "   when 'cancelled' then (array['client-withdrew','client-unreachable'])[1 + g % 2] end,"
      + " sent, case when status in ('accepted','in-progress','completed','failed') then sent + accept end,"
      + " case when status in ('in-progress','completed') then sent + accept + interval '1 hour' end,"
      + " case when status in ('completed','failed','rejected','cancelled') then sent + accept + interval '5 days' end,"
      + " case when status in ('accepted','in-progress','completed','failed') then extract(epoch from accept)::bigint end,"
      + " case when status = 'completed' then extract(epoch from accept + interval '5 days')::bigint end,"
      + " (array['pmtct','prenatal-care','ost','nsp','naloxone','tb','shelter','gbv-support','case-management','htc'])"
      + "   [1 + (g / 11) % 10], requester = 'prison-1' and g % 4 = 0,"
      + " (array['female','female','female','female','male','other','unknown'])[1 + (g / 13) % 7], 1960 + (g / 17) % 45,"
      + " 'bench-w-' || (g % ?) from (select g,"
      + "   (array['hr-1','anc-1','tb-1','shelter-1','prison-1','ost-1'])[1 + g % 6] as requester,"
      + "   (array['hr-1','anc-1','tb-1','shelter-1','prison-1','ost-1'])[1 + (g / 7) % 6] as owner,"
      + "   (array['requested','accepted','in-progress','completed','completed','completed','rejected','cancelled',"
      + "     'failed'])[1 + (g / 3) % 9] as status,"
      + "   timestamp '2025-01-01' + make_interval(secs => (g::bigint * 7919) % 31536000) as sent,"
      + "   make_interval(secs => 600 + (g::bigint * 104729) % 864000) as accept"
      + " from generate_series(1, ?) g) generated";

  private void evaluate(GatewayProcess gateway, BenchTokens auditor, String measure) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway.base() + "/fhir/Measure/" + measure
        + "/$evaluate-measure?" + PERIOD)).header("Authorization", "Bearer " + auditor.current())
        .timeout(Duration.ofMinutes(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200 || !response.body().contains("\"MeasureReport\"")) {
      throw new IllegalStateException(measure + ": HTTP " + response.statusCode() + " " + response.body());
    }
  }
}
