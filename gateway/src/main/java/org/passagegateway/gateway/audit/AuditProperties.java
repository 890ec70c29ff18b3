package org.passagegateway.gateway.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit log ({@code passage.audit.*}).
 *
 * @param origin the log's origin, the first line of every checkpoint and the name of its signing key
 * @param signingKey a PEM file (PKCS#8) with the gateway's Ed25519 checkpoint key; without one a
 *     key is generated for the process (its public key is recorded, so its checkpoints stay
 *     verifiable after a restart, but a deployment should keep one key and rotate it on purpose)
 * @param trustedKeys verifier keys ({@code origin+keyid+base64}, as {@code $checkpoint} and the export give them)
 *     of earlier checkpoint keys whose checkpoints verification trusts, besides the gateway's own key: a
 *     key found only in the database is reported, never trusted
 * @param sequenceInterval how often each node gives committed events their positions
 * @param checkpointInterval how often each node signs a checkpoint of the log (when it has grown)
 * @param scheduled whether nodes sequence and checkpoint on their own (off only for tests that
 *     drive the log by hand)
 */
@ConfigurationProperties("passage.audit")
public record AuditProperties(
    @DefaultValue("passage-gateway.org/audit") String origin,
    Path signingKey,
    @DefaultValue List<String> trustedKeys,
    @DefaultValue("1s") Duration sequenceInterval,
    @DefaultValue("1m") Duration checkpointInterval,
    @DefaultValue("true") boolean scheduled) {}
