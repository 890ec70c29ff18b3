package org.passagegateway.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RunningGateway;
import org.passagegateway.testdata.ReferralTransactions;

/**
 * A gateway that sequences and checkpoints its audit log on its own, with its checkpoint key from
 * a PEM file: what it writes is soon under a signed checkpoint that verifies.
 */
class AuditScheduleTest {

  private static final Path KEY = Path.of("src/test/resources/security/test-audit-key-ed25519.pem");

  @Test
  void whenAGatewayRunsThenItsEventsGetPositionsAndASignedCheckpointByItsConfiguredKey() {
    try (RunningGateway gateway = RunningGateway.start(H2GatewayTest.h2Url(H2GatewayTest.newDataDir()), "sa", "",
        "--passage.audit.sequence-interval=100ms",
        "--passage.audit.checkpoint-interval=200ms")) {
      gateway.fhir().transaction().withBundle(ReferralTransactions.newClientReferral(gateway.newPseudonym(), "hr-1",
          "tb-1", "tb", "presumptive-tb", Instant.now())).execute();
      long written = gateway.jdbc().queryForObject("select count(*) from psg_audit_event", Long.class);

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(gateway.jdbc().queryForObject(
          "select max(tree_size) from psg_audit_checkpoint", Long.class)).isGreaterThanOrEqualTo(written));

      NoteKey configured = new NoteKey("passage-gateway.org/audit",
          AuditSigningKey.load(KEY).generatePublicKey().getEncoded());
      assertThat(gateway.jdbc().queryForList("select verifier_key from psg_audit_key", String.class))
          .containsExactly(configured.verifierKey());
      AuditVerifier.Verification verification = new AuditVerifier(gateway.jdbc(), List.of(configured)).verify();
      assertThat(verification.intact()).as(verification.problem()).isTrue();
      assertThat(verification.size()).isGreaterThanOrEqualTo(written);
    }
  }
}
