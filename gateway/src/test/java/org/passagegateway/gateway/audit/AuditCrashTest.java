package org.passagegateway.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.PassageGatewayApplication;
import org.passagegateway.gateway.support.AccessTokens;
import org.passagegateway.gateway.support.RawHttp;
import org.passagegateway.gateway.support.Pseudonyms;
import org.passagegateway.gateway.support.RunningGateway;
import org.passagegateway.gateway.support.TestDatabases;
import org.passagegateway.testdata.ReferralTransactions;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A gateway process killed with SIGKILL while sites send referrals leaves, on PostgreSQL, a log
 * that verifies and holds a create event for every referral whose transaction was acknowledged,
 * and no event for a Task that was not stored.
 */
class AuditCrashTest {

  private static final FhirContext FHIR = FhirContext.forR4Cached();

  @Test
  void whenTheGatewayIsKilledUnderLoadThenTheLogVerifiesAndHoldsAnEventForEveryCommittedReferral() throws Exception {
    String url = TestDatabases.postgresJdbcUrl();
    int port = freePort();
    Path folder = Files.createTempDirectory("passage-crash-");
    Process gateway = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), PassageGatewayApplication.class.getName(),
        "--server.port=" + port, "--passage.demo.enabled=true", "--spring.jmx.enabled=false",
        "--spring.datasource.url=" + url, "--spring.datasource.username=" + TestDatabases.urlParameter("user"),
        "--spring.datasource.password=" + TestDatabases.urlParameter("password"),
        "--passage.audit.sequence-interval=200ms", "--passage.identity.derivations-per-hour=1000000")
        .redirectErrorStream(true).redirectOutput(folder.resolve("gateway.log").toFile()).start();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Instant started;
    try {
      awaitReady(gateway, port, folder);
      RawHttp anonymous = new RawHttp("http://localhost:" + port);
      String token = AccessTokens.cached(anonymous, port, "demo-site-hr-1");
      RawHttp site = new RawHttp("http://localhost:" + port, () -> token);
      started = Instant.now();
      AtomicBoolean running = new AtomicBoolean(true);
      ExecutorService senders = Executors.newFixedThreadPool(3);
      for (int t = 0; t < 3; t++) {
        senders.submit(() -> {
          HttpClient http = HttpClient.newHttpClient();
          while (running.get()) {
            Bundle referral = ReferralTransactions.newClientReferral(Pseudonyms.issue(site), "hr-1", "tb-1", "tb",
                "presumptive-tb", Instant.now());
            try {
              HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir"))
                  .header("Authorization", "Bearer " + token).header("Content-Type", "application/fhir+json")
                  .POST(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(referral))).build(),
                  HttpResponse.BodyHandlers.ofString());
              if (response.statusCode() == 200) {
                acknowledged.add(taskOf(FHIR.newJsonParser().parseResource(Bundle.class, response.body())));
              }
            } catch (IOException killed) {
              return null;
            }
          }
          return null;
        });
      }
      for (int wait = 0; acknowledged.size() < 20; wait++) {
        if (wait > 6000) {
          throw new IllegalStateException("fewer than 20 referrals acknowledged; see " + folder.resolve("gateway.log"));
        }
        Thread.sleep(50);
      }
      gateway.destroyForcibly().waitFor();
      running.set(false);
      senders.shutdown();
      assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      gateway.destroyForcibly();
    }

    try (RunningGateway restarted = RunningGateway.start(url, TestDatabases.urlParameter("user"),
        TestDatabases.urlParameter("password"))) {
      IGenericClient auditor = restarted.fhirAs("demo-auditor");
      auditor.operation().onType(AuditEvent.class).named("$checkpoint").withNoParameters(Parameters.class).execute();
      Parameters verification = auditor.operation().onType(AuditEvent.class).named("$verify")
          .withNoParameters(Parameters.class).useHttpGet().execute();
      assertThat(verification.getParameterBool("intact")).as(verification.toString()).isTrue();

      JdbcTemplate jdbc = restarted.jdbc();
      for (String task : acknowledged) {
        assertThat(jdbc.queryForObject("select count(*) from psg_audit_event where entity_refs = ? and subtype_code = 'create'",
            Integer.class, " Task/" + task + " ")).as(task).isEqualTo(1);
      }
      List<String> recorded = new ArrayList<>(jdbc.queryForList("select trim(entity_refs) from psg_audit_event"
          + " where subtype_code = 'create' and entity_refs like ' Task/%' and recorded_at >= ?", String.class,
          java.sql.Timestamp.from(started)));
      assertThat(recorded).containsAll(acknowledged.stream().map(task -> "Task/" + task).toList());
      IGenericClient site = restarted.fhir();
      for (String task : recorded) {
        assertThat(site.read().resource(Task.class).withId(new IdType(task).getIdPart()).execute()).as(task).isNotNull();
      }
    }
  }

  private static String taskOf(Bundle response) {
    return response.getEntry().stream().map(entry -> new IdType(entry.getResponse().getLocation()))
        .filter(id -> "Task".equals(id.getResourceType())).findFirst().orElseThrow().getIdPart();
  }

  private static void awaitReady(Process gateway, int port, Path folder) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    for (int attempt = 0; attempt < 1200; attempt++) {
      if (!gateway.isAlive()) {
        throw new IllegalStateException("gateway exited; see " + folder.resolve("gateway.log"));
      }
      try {
        if (http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("gateway not ready; see " + folder.resolve("gateway.log"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
