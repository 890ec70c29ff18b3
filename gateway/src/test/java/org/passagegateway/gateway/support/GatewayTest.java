package org.passagegateway.gateway.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import java.util.function.Supplier;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import org.passagegateway.gateway.PassageGatewayApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A running gateway on a random port, reached over real HTTP. The configuration is the same for
 * all subclasses of one database kind, so Spring's context cache starts each gateway once.
 */
@SpringBootTest(
    classes = PassageGatewayApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "passage.demo.enabled=true",
      // Notifications: delivered and retried quickly, to a plain-HTTP receiver inside the test.
      "passage.notifications.poll-interval=100ms",
      "passage.notifications.initial-backoff=200ms",
      "passage.notifications.trusted-certificates=src/test/resources/notification/receiver-cert.pem",
      "passage.notifications.allow-private-addresses=true",
      // The audit log tests drive sequencing and checkpoints themselves (AuditScheduleTest runs the schedule).
      "passage.audit.scheduled=false",
      // Every test client gets a pseudonym issued; the throttle has a test of its own.
      "passage.identity.derivations-per-hour=1000000",
      // Sign-in tests all come from one address; the address throttle has a test of its own.
      "passage.signin.attempts-per-minute=100000",
      // A client's JWKS URL is served by the test itself, on loopback over plain http.
      "passage.security.allow-private-jwks-uris=true",
      // Test-only keys (src/test/resources/security): the EC key signs, the RSA key only verifies.
      "passage.audit.signing-key=src/test/resources/security/test-audit-key-ed25519.pem",
      "passage.security.signing-keys=src/test/resources/security/test-signing-key-ec.pem,"
          + "src/test/resources/security/test-signing-key-rsa.pem"})
public abstract class GatewayTest {

  @LocalServerPort protected int port;

  /** The FHIR base URL of the running gateway. */
  protected String fhirBase() {
    return "http://localhost:" + port + "/fhir";
  }

  /** The demo site client most tests act as: the harm reduction site {@code hr-1}. */
  protected static final String SITE = "demo-site-hr-1";
  /** The demo admin client. */
  protected static final String ADMIN = "demo-admin";
  /** The demo auditor client. */
  protected static final String AUDITOR = "demo-auditor";

  /** A new client's network pseudonym, issued by the gateway to the harm reduction site. */
  protected String newPseudonym() {
    return Pseudonyms.issue(http());
  }

  /** A HAPI generic client talking to the running gateway as the harm reduction site. */
  protected IGenericClient fhir() {
    return fhirAs(SITE);
  }

  /** A HAPI generic client acting as the demo client, with an access token of all its scopes. */
  protected IGenericClient fhirAs(String clientId) {
    return FhirClients.client(fhirBase(), () -> AccessTokens.cached(anonymousHttp(), port, clientId));
  }

  /** A HAPI generic client acting as a client registered by a test (with a demo client's key). */
  protected IGenericClient fhirAs(DemoCredentials.Client client) {
    return FhirClients.client(fhirBase(), () -> AccessTokens.cached(anonymousHttp(), port, client));
  }

  /** Plain HTTP acting as a client registered by a test. */
  protected RawHttp httpAs(DemoCredentials.Client client) {
    return new RawHttp("http://localhost:" + port, () -> AccessTokens.cached(anonymousHttp(), port, client));
  }

  /** A HAPI generic client sending no token. */
  protected IGenericClient anonymousFhir() {
    return FhirClients.client(fhirBase());
  }

  /** Plain HTTP as the harm reduction site, for what a FHIR client cannot send. */
  protected RawHttp http() {
    return httpAs(SITE);
  }

  /** Plain HTTP acting as the demo client. */
  protected RawHttp httpAs(String clientId) {
    return new RawHttp("http://localhost:" + port, () -> AccessTokens.cached(anonymousHttp(), port, clientId));
  }

  /** Plain HTTP sending this token. */
  protected RawHttp httpWithToken(String token) {
    return new RawHttp("http://localhost:" + port, () -> token);
  }

  /** Plain HTTP sending no token. */
  protected RawHttp anonymousHttp() {
    return new RawHttp("http://localhost:" + port);
  }

  static final class FhirClients {
    private static final FhirContext CONTEXT = FhirContext.forR4Cached();

    static {
      CONTEXT.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    }

    static IGenericClient client(String base) {
      return CONTEXT.newRestfulGenericClient(base);
    }

    /** A client whose every request carries a bearer token from the supplier. */
    static IGenericClient client(String base, Supplier<String> token) {
      IGenericClient client = CONTEXT.newRestfulGenericClient(base);
      client.registerInterceptor(new BearerToken(token));
      return client;
    }
  }

  /** Adds {@code Authorization: Bearer <token>} to each request of a HAPI client. */
  @Interceptor
  static final class BearerToken {
    private final Supplier<String> token;

    BearerToken(Supplier<String> token) {
      this.token = token;
    }

    @Hook(Pointcut.CLIENT_REQUEST)
    public void authorize(IHttpRequest request) {
      request.addHeader("Authorization", "Bearer " + token.get());
    }
  }
}
