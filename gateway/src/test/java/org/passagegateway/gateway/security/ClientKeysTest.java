package org.passagegateway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.passagegateway.gateway.config.OutboundAddresses;

/** Which JWKS URLs a production gateway fetches: https to public hosts only (addresses given as literals, no DNS). */
class ClientKeysTest {

  private final ClientKeys production = new ClientKeys(new OutboundAddresses(false), Clock.systemUTC());
  private final ClientKeys onOneMachine = new ClientKeys(new OutboundAddresses(true), Clock.systemUTC());

  @ParameterizedTest
  @CsvSource({
      "https://8.8.8.8/jwks.json, true, true",
      "http://8.8.8.8/jwks.json, false, true",
      "https://127.0.0.1/jwks.json, false, true",
      "https://10.1.2.3/jwks.json, false, true",
      "https://192.168.0.9/jwks.json, false, true",
      "https://169.254.169.254/latest/meta-data, false, true",
      "https://100.64.0.1/jwks.json, false, true",
      "https://[::1]/jwks.json, false, true",
      "https://[fd00::1]/jwks.json, false, true",
      "https://user@8.8.8.8/jwks.json, false, false",
      "https://8.8.8.8/jwks.json#keys, false, false",
      "ftp://8.8.8.8/jwks.json, false, false",
      "file:///etc/passwd, false, false"})
  void whenAJwksUrlIsJudgedThenOnlyHttpsToAPublicHostPasses(String url, boolean inProduction, boolean onOneMachineToo) {
    assertThat(production.acceptable(URI.create(url))).as("production").isEqualTo(inProduction);
    assertThat(onOneMachine.acceptable(URI.create(url))).as("internal addresses allowed").isEqualTo(onOneMachineToo);
  }
}
