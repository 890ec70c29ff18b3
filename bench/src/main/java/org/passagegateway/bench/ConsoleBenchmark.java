package org.passagegateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * The auditors' console's figures (issue 20), in Debian's Chromium driven by playwright-core
 * ({@code console/e2e/bench.mjs}) against the demo gateway on PostgreSQL whose log holds
 * {@code events} more events (made in SQL, {@link AuditLogInflation}) under a signed checkpoint:
 * time to the first render of the console (signed in, the log's checkpoint verified against a
 * pinned key), time to a verified search of 1,000 events (two pages of 500, every event's
 * inclusion proof checked in the browser), and the bytes the console transfers on a first visit.
 * Prints its figures; asserts nothing. Run with {@code bench/console.sh}.
 */
public final class ConsoleBenchmark {

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    String jdbc = System.getProperty("jdbc");
    if (jdbc == null || jdbc.isBlank()) {
      throw new IllegalArgumentException("-Djdbc=jdbc:postgresql://...?user=...&password=... is required");
    }
    new ConsoleBenchmark().run(GatewayProcess.jar(), jdbc, Integer.getInteger("events", 1_000_000),
        Integer.getInteger("rounds", 5));
  }

  private void run(Path jar, String jdbc, int events, int rounds) throws Exception {
    try (GatewayProcess gateway = GatewayProcess.start(jar, "console", List.of("--spring.datasource.url=" + jdbc));
        Connection sql = DriverManager.getConnection(jdbc)) {
      BenchTokens site = new BenchTokens(http, gateway.base(), "demo-site-hr-1", "system/Task.crus");
      send(gateway, site, "GET", "/fhir/Task/task-anc-1", null);
      BenchTokens auditor = new BenchTokens(http, gateway.base(), "demo-auditor", "system/AuditEvent.crs");
      send(gateway, auditor, "POST", "/fhir/AuditEvent/$checkpoint", null);
      long start = System.nanoTime();
      long size = AuditLogInflation.inflate(sql, events);
      System.out.printf(Locale.ROOT, "log: %,d events (%,d added in SQL in %.1f s)%n", size, events,
          (System.nanoTime() - start) / 1e9);
      start = System.nanoTime();
      send(gateway, auditor, "POST", "/fhir/AuditEvent/$checkpoint", null);
      System.out.printf(Locale.ROOT, "checkpoint of the whole log: %.1f s%n", (System.nanoTime() - start) / 1e9);

      BenchTokens admin = new BenchTokens(http, gateway.base(), "demo-admin", "system/Organization.cruds");
      String password = "benchmark password " + System.nanoTime();
      JsonNode account = json.readTree(send(gateway, admin, "POST", "/admin/accounts",
          "{\"username\":\"bench-auditor\",\"role\":\"auditor\",\"password\":\"" + password + "\"}"));
      String secret = account.path("otpauth").asText().replaceAll(".*[?&]secret=([A-Z2-7]+).*", "$1");
      String key;
      try (var statement = sql.createStatement(); var rows = statement.executeQuery("select verifier_key from psg_audit_key")) {
        rows.next();
        key = rows.getString(1);
      }

      ProcessBuilder browser = new ProcessBuilder("node", "e2e/bench.mjs").directory(Path.of("console").toFile())
          .redirectError(ProcessBuilder.Redirect.INHERIT).redirectOutput(ProcessBuilder.Redirect.INHERIT);
      browser.environment().put("PASSAGE_BASE", gateway.base());
      browser.environment().put("PASSAGE_USER", "bench-auditor");
      browser.environment().put("PASSAGE_PASSWORD", password);
      browser.environment().put("PASSAGE_CODE", code(secret));
      browser.environment().put("PASSAGE_PIN_KEY", key);
      browser.environment().put("PASSAGE_ROUNDS", Integer.toString(rounds));
      browser.environment().put("PASSAGE_PROFILE", BenchFolders.create("passage-console-bench-").toString());
      Process process = browser.start();
      process.getOutputStream().close();
      if (!process.waitFor(60, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException("the browser's part failed");
      }
    }
  }

  private static String code(String secret) throws Exception {
    return new TimeBasedOneTimePasswordGenerator().generateOneTimePasswordString(
        new SecretKeySpec(new Base32().decode(secret), "HmacSHA1"), Instant.now());
  }

  private String send(GatewayProcess gateway, BenchTokens tokens, String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.base() + path))
        .header("Authorization", "Bearer " + tokens.current()).timeout(java.time.Duration.ofMinutes(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(path + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }
}
