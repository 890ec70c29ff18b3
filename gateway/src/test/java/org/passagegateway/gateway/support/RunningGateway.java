package org.passagegateway.gateway.support;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.passagegateway.gateway.PassageGatewayApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** A gateway started and stopped by a test itself (to test restarts), on a random port. */
public final class RunningGateway implements AutoCloseable {

  private final ConfigurableApplicationContext context;

  private RunningGateway(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /** Starts a gateway with the demo network on the given datasource, with the tests' audit checkpoint key. */
  public static RunningGateway start(String jdbcUrl, String user, String password, String... extraArguments) {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--passage.demo.enabled=true",
        "--passage.audit.signing-key=src/test/resources/security/test-audit-key-ed25519.pem"));
    if (java.util.Arrays.stream(extraArguments).noneMatch(argument -> argument.contains("derivations-per-hour"))) {
      args.add("--passage.identity.derivations-per-hour=1000000");
    }
    args.addAll(java.util.List.of(extraArguments));
    return production(jdbcUrl, user, password, args.toArray(String[]::new));
  }

  /**
   * Starts a gateway the way the README tells an operator to: no demo network, the given
   * datasource and only the given settings (keys among them, or not, to see it refuse).
   */
  public static RunningGateway production(String jdbcUrl, String user, String password, String... settings) {
    // Command-line arguments, as an operator would pass them: they override application.yaml.
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
        "--server.port=0",
        "--spring.datasource.url=" + jdbcUrl,
        "--spring.datasource.username=" + user,
        "--spring.datasource.password=" + password,
        "--spring.jmx.enabled=false"));
    args.addAll(java.util.List.of(settings));
    return new RunningGateway(new SpringApplicationBuilder(PassageGatewayApplication.class).run(args.toArray(String[]::new)));
  }

  /** The gateway's port. */
  public int port() {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  /** A FHIR client acting as the harm reduction site; its token is new (this gateway's keys are its own). */
  public IGenericClient fhir() {
    return fhirAs("demo-site-hr-1");
  }

  /** A FHIR client acting as the demo client; its token is new (this gateway's keys are its own). */
  public IGenericClient fhirAs(String clientId) {
    int port = port();
    AccessTokens.forget(port);
    String token = AccessTokens.cached(new RawHttp("http://localhost:" + port), port, clientId);
    return GatewayTest.FhirClients.client("http://localhost:" + port + "/fhir", () -> token);
  }

  /** Plain HTTP acting as the demo client. */
  public RawHttp httpAs(String clientId) {
    int port = port();
    return new RawHttp("http://localhost:" + port, () -> AccessTokens.cached(new RawHttp("http://localhost:" + port), port,
        clientId));
  }


  /** A new client's network pseudonym, issued by this gateway to the harm reduction site. */
  public String newPseudonym() {
    return Pseudonyms.issue(httpAs("demo-site-hr-1"));
  }

  public JdbcTemplate jdbc() {
    return context.getBean(JdbcTemplate.class);
  }

  @Override
  public void close() {
    context.close();
  }
}
