package org.passagegateway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway's token signing keys, read from PEM as OpenSSL writes them. */
class GatewaySigningKeysTest {

  static final Path EC_SEC1 = Path.of("src/test/resources/security/test-signing-key-ec.pem");
  static final Path EC_PKCS8 = Path.of("src/test/resources/security/test-signing-key-ec-pkcs8.pem");
  static final Path RSA_PKCS8 = Path.of("src/test/resources/security/test-signing-key-rsa.pem");

  @Test
  void whenKeysAreLoadedThenTheFirstSignsAndAllVerify() {
    GatewaySigningKeys keys = GatewaySigningKeys.load(List.of(EC_SEC1, RSA_PKCS8));

    assertThat(keys.current()).isInstanceOf(ECKey.class);
    assertThat(keys.current().isPrivate()).isTrue();
    assertThat(keys.algorithm().getName()).isEqualTo("ES256");
    assertThat(keys.verificationKeys().getKeys()).hasSize(2).noneMatch(k -> k.isPrivate());
    assertThat(keys.verificationKeys().getKeys().get(1)).isInstanceOf(RSAKey.class);
  }

  @Test
  void whenTheSameEcKeyIsInSec1OrPkcs8ThenItIsTheSameKey() {
    ECKey sec1 = (ECKey) GatewaySigningKeys.load(List.of(EC_SEC1)).current();
    ECKey pkcs8 = (ECKey) GatewaySigningKeys.load(List.of(EC_PKCS8)).current();

    assertThat(pkcs8.getKeyID()).isEqualTo(sec1.getKeyID());
    assertThat(pkcs8.getX()).isEqualTo(sec1.getX());
    assertThat(pkcs8.getY()).isEqualTo(sec1.getY());
  }

  @Test
  void whenNoKeyIsConfiguredThenOneIsGeneratedForTheProcess() {
    GatewaySigningKeys keys = GatewaySigningKeys.load(List.of());

    assertThat(keys.current().isPrivate()).isTrue();
    assertThat(keys.verificationKeys().getKeys()).hasSize(1);
  }

  @Test
  void whenAFileIsNotAPrivateKeyThenStartUpFailsNamingIt() throws Exception {
    Path notAKey = Files.createTempFile("not-a-key", ".pem");
    Files.writeString(notAKey, "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n");

    assertThatThrownBy(() -> GatewaySigningKeys.load(List.of(notAKey)))
        .hasMessageContaining(notAKey.toString());
  }
}
