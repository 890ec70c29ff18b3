package org.passagegateway.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passagegateway.gateway.support.TransactionResponses.idOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.AccessTokens;
import org.passagegateway.gateway.support.DemoCredentials;
import org.passagegateway.gateway.support.RawHttp;
import org.passagegateway.gateway.support.GatewayTest;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.People;
import org.passagegateway.gateway.support.People.Account;
import org.passagegateway.testdata.ReferralTransactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console end to end, in Debian's Chromium driven by playwright-core ({@code
 * console/e2e/console.mjs}), against a running gateway with the demo network on a database of its
 * own (it edits the log to show that the console catches it). Screenshots of every page reached
 * are kept in {@code target/console-screenshots/}.
 */
class ConsoleBrowserTest extends GatewayTest {

  private static final Path DATA_DIR = H2GatewayTest.newDataDir();
  private static final Path CONSOLE = Path.of("..", "console").toAbsolutePath().normalize();
  private static final Path SCREENSHOTS = Path.of("target", "console-screenshots").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();

  @DynamicPropertySource
  static void ownDatabase(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> H2GatewayTest.h2Url(DATA_DIR));
  }

  @Autowired JdbcTemplate jdbc;

  @BeforeAll
  static void browserInstalled() {
    assertThat(Path.of(System.getenv().getOrDefault("PASSAGE_CHROMIUM", "/usr/bin/chromium")))
        .as("Debian's chromium (scripts/test installs it)").isExecutable();
    assertThat(CONSOLE.resolve("node_modules/playwright-core")).as("the console's packages (npm ci)").isDirectory();
  }

  @Test
  void whenAnAuditorSignsInWithPasswordAndCodeThenTheConsoleVerifiesTheLogAgainstHerPinnedKey() throws Exception {
    Account auditor = auditor();
    checkpoint();

    JsonNode seen = browse("signin", auditor, auditor.code(Instant.now()), Map.of());

    assertThat(seen.path("log").asText()).isEqualTo("verified");
    assertThat(seen.path("logText").asText()).startsWith("Log verified: a checkpoint of ");
    assertThat(seen.path("who").asText()).contains("Signed in as " + auditor.username() + " (auditor)");
    assertThat(seen.path("unlabelled").asInt()).isZero();
    assertThat(seen.path("axe").toString()).as("axe-core's WCAG 2.2 AA violations").isEqualTo("[]");
    assertThat(seen.path("h1").asInt()).isEqualTo(1);
    assertThat(seen.path("lang").asText()).isEqualTo("en");
  }

  @Test
  void whenTheSecondFactorIsWrongThenTheSignInIsRefusedAndTheConsoleNotReached() throws Exception {
    Account auditor = auditor();

    JsonNode seen = browse("wrong-factor", auditor, auditor.code(Instant.now().plusSeconds(3600)), Map.of());

    assertThat(seen.path("url").asText()).endsWith("/signin?failed");
    assertThat(seen.path("alert").asText()).startsWith("Sign-in failed.");
  }

  @Test
  void whenAnAuditorSearchesForAClientThenEveryEventShownIsProvenInTheBrowser() throws Exception {
    Sent sent = send();
    checkpoint();
    Account auditor = auditor();
    List<String> expected = eventIds("AuditEvent?patient=Patient/" + sent.client() + "&_count=20");

    JsonNode seen = browse("search", auditor, auditor.code(Instant.now()), Map.of("PASSAGE_CLIENT", sent.client()));

    List<String> shown = new ArrayList<>();
    seen.path("rows").forEach(row -> {
      shown.add(row.path("id").asText());
      assertThat(row.path("verification").asText()).as(row.toString()).isEqualTo("verified");
    });
    assertThat(shown).containsExactlyElementsOf(expected);
    assertThat(seen.path("unlabelled").asInt()).isZero();
    assertThat(seen.path("axe").toString()).as("axe-core's WCAG 2.2 AA violations").isEqualTo("[]");
    assertThat(seen.path("detail").asText()).isEqualTo("verified");
  }

  @Test
  void whenAClientsAccountingIsShownThenItMatchesTheApisDisclosuresAndDecisions() throws Exception {
    Sent sent = send();
    checkpoint();
    Account auditor = auditor();
    Bundle disclosures = fhirAs("demo-site-hr-1").operation().onInstance("Patient/" + sent.client())
        .named("$disclosures").withNoParameters(Parameters.class).useHttpGet().returnResourceType(Bundle.class).execute();
    List<String> disclosed = disclosures.getEntry().stream().map(entry -> (AuditEvent) entry.getResource())
        .map(event -> event.getRecorded().toInstant() + " " + event.getEntity().get(1).getWhat().getReference()).toList();
    int decisions = eventIds("AuditEvent?patient=Patient/" + sent.client() + "&type=consent-decision&_count=100").size();

    // She is asked for by her network pseudonym, as her advocate knows her.
    JsonNode seen = browse("accounting", auditor, auditor.code(Instant.now()), Map.of("PASSAGE_PSEUDONYM", sent.pseudonym()));

    List<String> permits = new ArrayList<>();
    seen.path("rows").forEach(row -> {
      assertThat(row.path("verification").asText()).as(row.toString()).isEqualTo("verified");
      if (row.path("decision").asText().equals("permit")) {
        permits.add(Instant.parse(row.path("cells").get(0).asText()) + " " + row.path("cells").get(5).asText());
        assertThat(row.path("cells").get(2).asText()).isEqualTo("Organization/tb-1");
        assertThat(row.path("cells").get(7).asText()).startsWith("Consent/" + sent.consent());
      }
    });
    assertThat(disclosed).isNotEmpty();
    assertThat(permits).containsExactlyInAnyOrderElementsOf(disclosed);
    assertThat(seen.path("rows").size()).isEqualTo(decisions);
    assertThat(seen.path("csvName").asText()).isEqualTo("disclosures-" + sent.pseudonym() + ".csv");
  }

  @Test
  void whenAnEventIsEditedInTheDatabaseThenTheConsoleShowsItsVerificationFailed() throws Exception {
    Sent sent = send();
    checkpoint();
    String id = eventIds("AuditEvent?entity=Task/" + sent.task() + "&subtype=create").get(0);
    String original = jdbc.queryForObject("select event from psg_audit_event where id = ?", String.class, Long.parseLong(id));
    Account auditor = auditor();
    try {
      // Someone with the database's keys moves the event to another site.
      jdbc.update("update psg_audit_event set event = ? where id = ?", original.replace("Organization/hr-1",
          "Organization/anc-1"), Long.parseLong(id));

      JsonNode seen = browse("event", auditor, auditor.code(Instant.now()), Map.of("PASSAGE_EVENT", id));

      assertThat(seen.path("log").asText()).isEqualTo("verified");
      assertThat(seen.path("detail").asText()).isEqualTo("failed");
      assertThat(seen.path("detailText").asText()).contains("Verification failed");
    } finally {
      jdbc.update("update psg_audit_event set event = ? where id = ?", original, Long.parseLong(id));
    }
  }

  @Test
  void whenTheHistoryIsRewrittenBetweenTwoVisitsThenTheSecondVisitCatchesIt() throws Exception {
    send();
    checkpoint();
    Account auditor = auditor();
    Path profile = Files.createTempDirectory(Path.of("target"), "console-profile-");
    JsonNode first = browse("visit", auditor, auditor.code(Instant.now()), Map.of(), profile);
    assertThat(first.path("log").asText()).isEqualTo("verified");
    String leaf = jdbc.queryForObject("select leaf_hash from psg_audit_event where position = 0", String.class);
    Long lastCheckpoint = jdbc.queryForObject("select max(tree_size) from psg_audit_checkpoint", Long.class);
    try {
      // The server rewrites its first entry and signs a new checkpoint over the rewritten history.
      jdbc.update("update psg_audit_event set leaf_hash = ? where position = 0", "00".repeat(32));
      send();
      checkpoint();

      JsonNode second = browse("visit", auditor, auditor.code(Instant.now().plusSeconds(30)), Map.of("PASSAGE_PIN_KEY", ""),
          profile);

      assertThat(second.path("log").asText()).isEqualTo("rewritten");
      assertThat(second.path("logText").asText()).startsWith("Verification failed: the log was rewritten.");
    } finally {
      jdbc.update("update psg_audit_event set leaf_hash = ? where position = 0", leaf);
      jdbc.update("delete from psg_audit_checkpoint where tree_size > ?", lastCheckpoint);
    }
  }

  @Test
  void whenTheConsolesCallsCarryASitesTokenThenTheGatewayRefusesThem() throws Exception {
    checkpoint();
    Account auditor = auditor();
    // A site's token for the gateway as the browser reaches it (127.0.0.1: the token's audience).
    String base = "http://127.0.0.1:" + port;
    DemoCredentials.Client site = DemoCredentials.client("demo-site-hr-1");
    String siteToken = JSON.readTree(AccessTokens.request(new RawHttp(base), DemoCredentials.assertion(site,
        base + "/auth/token"), site.scope(), AccessTokens.SITE_PURPOSE).body()).path("access_token").asText();
    assertThat(siteToken).isNotBlank();

    JsonNode seen = browse("site-token", auditor, auditor.code(Instant.now()), Map.of("PASSAGE_SITE_TOKEN", siteToken));

    assertThat(seen.path("alert").asText()).isEqualTo("The gateway refused the request (PASSAGE-3003).");
    assertThat(seen.path("rows").asInt()).isZero();
  }

  @Test
  void whenAnAuditorEvaluatesAnIndicatorThenWithheldCountsAreShownAsWithheldNeverAsZero() throws Exception {
    send();
    Account auditor = auditor();
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    java.time.LocalDate start = today.withDayOfMonth(1);

    JsonNode seen = browse("indicators", auditor, auditor.code(Instant.now()), Map.of(
        "PASSAGE_MEASURE", "passage-referral-outcomes", "PASSAGE_PERIOD_START", start.toString(),
        "PASSAGE_PERIOD_END", start.plusMonths(1).minusDays(1).toString()));

    org.hl7.fhir.r4.model.MeasureReport released = fhirAs(AUDITOR).search().byUrl("MeasureReport?_sort=-date&_count=1")
        .returnBundle(Bundle.class).execute().getEntry().stream()
        .map(entry -> (org.hl7.fhir.r4.model.MeasureReport) entry.getResource()).findFirst().orElseThrow();
    long withheld = released.getGroup().stream().flatMap(group -> java.util.stream.Stream.concat(
        group.getPopulation().stream(), group.getStratifier().stream().flatMap(s -> s.getStratum().stream())
            .flatMap(stratum -> stratum.getPopulation().stream())))
        .filter(population -> population.hasExtension("https://passage-gateway.org/fhir/StructureDefinition/passage-suppressed"))
        .count();
    assertThat(withheld).as("a month of the demo network has small counts").isPositive();
    assertThat(seen.path("withheld").size()).isEqualTo((int) withheld);
    seen.path("withheld").forEach(cell -> assertThat(cell.path("text").asText()).startsWith("withheld (").doesNotContain("0"));
    seen.path("counts").forEach(cell -> assertThat(cell.asText()).matches("[0-9]+"));
    assertThat(seen.path("unlabelled").asInt()).isZero();
    assertThat(seen.path("axe").toString()).as("axe-core's WCAG 2.2 AA violations").isEqualTo("[]");
  }

  @Test
  void whenAnAdminRegistersAndDisablesAClientInTheConsoleThenTheRegistryHasIt() throws Exception {
    checkpoint();
    Account admin = People.create(httpAs(ADMIN), "admin");
    com.nimbusds.jose.jwk.ECKey key = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_384)
        .keyID("console-registered-1").generate();
    String clientId = People.newName("console-site");

    JsonNode seen = browse("admin", admin, admin.code(Instant.now()), Map.of("PASSAGE_NEW_CLIENT", clientId,
        "PASSAGE_NEW_JWKS", new com.nimbusds.jose.jwk.JWKSet(key.toPublicJWK()).toString()));

    assertThat(seen.path("clients").toString()).contains("\"demo-site-hr-1\"", "\"demo-auditor\"");
    assertThat(seen.path("keys").get(0).asText()).isEqualTo(verifierKeys().lines().findFirst().orElseThrow());
    assertThat(seen.path("newClientState").asText()).isEqualTo("disabled");
    RawHttp.Response registered = httpAs(ADMIN).get("/admin/clients/" + clientId);
    assertThat(registered.body()).contains("\"organization\":\"Organization/tb-1\"", "\"enabled\":false",
        "\"kid\":\"console-registered-1\"");
    assertThat(seen.path("unlabelled").asInt()).isZero();
    assertThat(seen.path("axe").toString()).as("axe-core's WCAG 2.2 AA violations").isEqualTo("[]");
  }

  // --- the gateway's side -------------------------------------------------------------------

  private record Sent(String client, String task, String consent, String pseudonym) {}

  /** A referral from hr-1 to tb-1, which tb-1 then reads: a disclosure its consent permitted. */
  private Sent send() {
    String pseudonym = newPseudonym();
    Bundle response = fhir().transaction().withBundle(ReferralTransactions.newClientReferral(pseudonym,
        "hr-1", "tb-1", "tb", "presumptive-tb", Instant.now())).execute();
    Sent sent = new Sent(idOf(response, "Patient"), idOf(response, "Task"), idOf(response, "Consent"), pseudonym);
    fhirAs("demo-site-tb-1").read().resource(org.hl7.fhir.r4.model.Task.class).withId(sent.task()).execute();
    return sent;
  }

  private void checkpoint() {
    fhirAs(AUDITOR).operation().onType(AuditEvent.class).named("$checkpoint").withNoParameters(Parameters.class).execute();
  }

  private Account auditor() {
    return People.create(httpAs(ADMIN), "auditor");
  }

  private List<String> eventIds(String query) {
    return fhirAs(AUDITOR).search().byUrl(query).returnBundle(Bundle.class).execute().getEntry().stream()
        .map(entry -> entry.getResource().getIdElement().getIdPart()).toList();
  }

  private String verifierKeys() {
    return String.join("\n", jdbc.queryForList("select verifier_key from psg_audit_key", String.class));
  }

  // --- the browser's side -------------------------------------------------------------------

  private JsonNode browse(String scenario, Account account, String code, Map<String, String> extra) throws Exception {
    return browse(scenario, account, code, extra, Files.createTempDirectory(Path.of("target"), "console-profile-"));
  }

  private JsonNode browse(String scenario, Account account, String code, Map<String, String> extra, Path profile)
      throws IOException, InterruptedException {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PASSAGE_BASE", "http://127.0.0.1:" + port);
    env.put("PASSAGE_USER", account.username());
    env.put("PASSAGE_PASSWORD", account.password());
    env.put("PASSAGE_CODE", code);
    env.put("PASSAGE_PIN_KEY", verifierKeys().lines().findFirst().orElseThrow());
    env.put("PASSAGE_PROFILE", profile.toAbsolutePath().toString());
    env.put("PASSAGE_SCREENSHOTS", SCREENSHOTS.toString());
    env.putAll(extra);
    ProcessBuilder builder = new ProcessBuilder("node", "e2e/console.mjs", scenario).directory(CONSOLE.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    StringBuilder errors = new StringBuilder();
    Thread errorReader = new Thread(() -> {
      try {
        errors.append(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        errors.append(e);
      }
    });
    errorReader.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the browser scenario ends").isTrue();
    errorReader.join();
    assertThat(process.exitValue()).as(scenario + ": " + errors).isZero();
    return JSON.readTree(out.lines().reduce((a, b) -> b).orElseThrow());
  }
}
