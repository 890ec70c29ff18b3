package org.passagegateway.gateway.foundation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.AccessTokens;
import org.passagegateway.gateway.support.DemoCredentials;
import org.passagegateway.gateway.support.RawHttp;
import org.passagegateway.gateway.support.RunningGateway;
import org.passagegateway.gateway.support.TestDatabases;
import org.passagegateway.testdata.NetworkBuilders;

/**
 * The gateway started the way the README tells an operator to (no demo network, configured keys,
 * PostgreSQL, a first admin from configuration), so that what the demo switches on is never what
 * the tests alone exercise; and started without its keys, refusing to.
 */
class ProductionConfigurationTest {

  private static final String TOKEN_KEY = "--passage.security.signing-keys=src/test/resources/security/test-signing-key-ec.pem";
  private static final String AUDIT_KEY = "--passage.audit.signing-key=src/test/resources/security/test-audit-key-ed25519.pem";
  private static final String[] PSEUDONYM_KEY = {"--passage.identity.keys[0].epoch=1",
      "--passage.identity.keys[0].file=src/test/resources/security/test-pseudonym-key"};

  @Test
  void whenStartedAsAnOperatorWouldThenTheFirstAdminRegistersASiteThatRecordsAClientAndNothingOfTheDemoIsThere()
      throws Exception {
    ECKey adminKey = new ECKeyGenerator(Curve.P_384).keyID("operator-admin-1").generate();
    Path adminJwks = Files.createTempFile("operator-admin-", ".jwks.json");
    Files.writeString(adminJwks, new JWKSet(adminKey.toPublicJWK()).toString());
    try (RunningGateway gateway = RunningGateway.production(schema("production"), user(), password(), TOKEN_KEY, AUDIT_KEY,
        PSEUDONYM_KEY[0], PSEUDONYM_KEY[1], "--passage.security.bootstrap-admin.client-id=operator-admin",
        "--passage.security.bootstrap-admin.jwks=" + adminJwks)) {
      RawHttp anonymous = new RawHttp("http://localhost:" + gateway.port());
      assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
      assertThat(anonymous.get("/fhir/Organization/hr-1").status()).isEqualTo(401);
      String admin = AccessTokens.of(anonymous, gateway.port(), new DemoCredentials.Client("operator-admin", null, "admin",
          "system/Organization.cruds", adminKey), "system/Organization.cruds");
      RawHttp asAdmin = new RawHttp("http://localhost:" + gateway.port(), () -> admin);
      assertThat(asAdmin.get("/fhir/Organization/hr-1").status()).as("no demo network").isEqualTo(404);

      String site = "site-" + UUID.randomUUID().toString().substring(0, 8);
      FhirContext fhir = FhirContext.forR4Cached();
      assertThat(asAdmin.send("PUT", "/fhir/Organization/" + site, "application/fhir+json",
          fhir.newJsonParser().encodeResourceToString(NetworkBuilders.site(site, "Eastside Harm Reduction",
              "harm-reduction-site")).getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
      ECKey siteKey = new ECKeyGenerator(Curve.P_384).keyID(site + "-1").generate();
      assertThat(asAdmin.send("PUT", "/admin/clients/" + site + "-ehr", "application/json",
          ("{\"role\": \"site\", \"organization\": \"Organization/" + site + "\", \"scope\": \"system/Patient.cruds\","
              + " \"jwks\": " + new JWKSet(siteKey.toPublicJWK()) + "}").getBytes(StandardCharsets.UTF_8)).status())
          .isEqualTo(200);

      String siteToken = AccessTokens.of(anonymous, gateway.port(), new DemoCredentials.Client(site + "-ehr",
          "Organization/" + site, "site", "system/Patient.cruds", siteKey), "system/Patient.cruds", "TREAT");
      RawHttp asSite = new RawHttp("http://localhost:" + gateway.port(), () -> siteToken);
      RawHttp.Response issued = asSite.send("POST", "/fhir/Patient/$pseudonym", "application/fhir+json",
          ("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"mother-given-name\",\"valueString\":\"Rosa\"},"
              + "{\"name\":\"given-name\",\"valueString\":\"Mei\"},{\"name\":\"sex\",\"valueCode\":\"F\"},"
              + "{\"name\":\"birth-year\",\"valueString\":\"1993\"},{\"name\":\"birth-month\",\"valueString\":\"4\"}]}")
              .getBytes(StandardCharsets.UTF_8));
      assertThat(issued.status()).as(issued.body()).isEqualTo(200);
      String pseudonym = fhir.newJsonParser().parseResource(Parameters.class, issued.body()).getParameter("pseudonym")
          .getValue() instanceof org.hl7.fhir.r4.model.Identifier identifier ? identifier.getValue() : null;
      RawHttp.Response created = asSite.send("POST", "/fhir/Patient", "application/fhir+json",
          fhir.newJsonParser().encodeResourceToString(NetworkBuilders.client(null, pseudonym, 1993))
              .getBytes(StandardCharsets.UTF_8));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      assertThat(asSite.get(created.header("Location").replaceFirst("^.*?/fhir/", "/fhir/").replaceFirst("/_history/.*$", ""))
          .status()).isEqualTo(200);
    }
  }

  @Test
  void whenStartedWithoutItsSigningKeysThenItRefusesSayingHowToMakeThem() {
    assertThatThrownBy(() -> RunningGateway.production(schema("production_keyless"), user(), password()).close())
        .satisfies(failure -> {
          Throwable root = failure;
          while (root.getCause() != null) {
            root = root.getCause();
          }
          assertThat(root.getMessage()).contains("passage.security.signing-keys").contains("openssl ecparam")
              .contains("passage.audit.signing-key").contains("passage.identity.keys");
        });
  }

  /** The test database, in a schema of its own (the other PostgreSQL tests load the demo network into theirs). */
  private static String schema(String name) throws Exception {
    String url = TestDatabases.postgresJdbcUrl();
    try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
      statement.execute("create schema if not exists " + name);
    }
    String base = url.replaceAll("[?&](user|password)=[^&]*", "");
    return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + name;
  }

  private static String user() {
    return TestDatabases.urlParameter("user");
  }

  private static String password() {
    return TestDatabases.urlParameter("password");
  }
}
