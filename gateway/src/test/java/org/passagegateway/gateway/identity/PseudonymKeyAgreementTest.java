package org.passagegateway.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RunningGateway;

/**
 * Gateway nodes on one database agree on the pseudonym key of every epoch: a node started with
 * another key for an epoch the database knows refuses to start, saying which epoch; one with the
 * same key, or with a new epoch besides, starts.
 */
class PseudonymKeyAgreementTest {

  @Test
  void whenANodeStartsWithAnotherKeyForAKnownEpochThenItRefusesAndWithTheSameKeyItStarts() throws Exception {
    Path folder = Files.createTempDirectory("passage-key-agreement-");
    Path key = key(folder, "key-1");
    Path other = key(folder, "other-key-1");
    Path second = key(folder, "key-2");
    String url = H2GatewayTest.h2Url(folder.resolve("data"));

    try (RunningGateway first = RunningGateway.start(url, "sa", "", keys(1, key))) {
      assertThat(first.jdbc().queryForObject("SELECT count(*) FROM psg_pseudonym_key WHERE epoch = 1", Integer.class))
          .isEqualTo(1);
      assertThat(first.jdbc().queryForObject("SELECT fingerprint FROM psg_pseudonym_key WHERE epoch = 1", String.class))
          .as("a fingerprint, not the key").hasSize(64).doesNotContain(Files.readString(key).trim());
    }

    assertThatThrownBy(() -> RunningGateway.start(url, "sa", "", keys(1, other)).close())
        .hasStackTraceContaining("the key of epoch 1 is not the one this database's pseudonyms were derived with");

    try (RunningGateway again = RunningGateway.start(url, "sa", "", keys(1, key)[0], keys(1, key)[1],
        "--passage.identity.keys[1].epoch=2", "--passage.identity.keys[1].file=" + second)) {
      assertThat(again.jdbc().queryForObject("SELECT count(*) FROM psg_pseudonym_key", Integer.class)).isEqualTo(2);
    }
  }

  private static String[] keys(int epoch, Path file) {
    return new String[] {"--passage.identity.keys[0].epoch=" + epoch, "--passage.identity.keys[0].file=" + file};
  }

  private static Path key(Path folder, String name) throws Exception {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return Files.writeString(folder.resolve(name), Base64.getEncoder().encodeToString(secret));
  }
}
