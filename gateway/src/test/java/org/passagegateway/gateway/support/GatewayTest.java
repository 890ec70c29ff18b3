package org.passagegateway.gateway.support;

import ca.uhn.fhir.context.FhirContext;
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
      // Test-only keys (src/test/resources/security): the EC key signs, the RSA key only verifies.
      "passage.security.signing-keys=src/test/resources/security/test-signing-key-ec.pem,"
          + "src/test/resources/security/test-signing-key-rsa.pem"})
public abstract class GatewayTest {

  @LocalServerPort protected int port;

  /** The FHIR base URL of the running gateway. */
  protected String fhirBase() {
    return "http://localhost:" + port + "/fhir";
  }

  /** A HAPI generic client talking to the running gateway. */
  protected IGenericClient fhir() {
    return FhirClients.client(fhirBase());
  }

  /** Plain HTTP against the running gateway, for what a FHIR client cannot send. */
  protected RawHttp http() {
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
  }
}
