package org.passagegateway.gateway.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.openssl.PEMParser;
import org.passagegateway.gateway.audit.NoteKey;

/**
 * The README's examples run as written against a gateway with the demo network: every bash block
 * that talks to {@code http://localhost:8080} is run with bash, pointed at this test's gateway
 * (the only change), and must finish without an error, a 5xx or an HTML page. The one placeholder
 * (the operator's verifier key) is filled in with the gateway's key.
 */
class ReadmeExamplesTest extends H2GatewayTest {

  private static final Path README = Path.of("..", "README.md");
  private static final Pattern BASH = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);
  private static final String BASE = "http://localhost:8080";
  private static final String KEY_PLACEHOLDER = "<the gateway's verifier key, from its operator>";


  @Test
  void whenTheReadmesExamplesAreRunAsWrittenThenEachSucceeds() throws Exception {
    httpAs(AUDITOR).send("POST", "/fhir/AuditEvent/$checkpoint", null, null);
    String verifierKey = operatorsVerifierKey();
    List<String> examples = new ArrayList<>();
    Matcher block = BASH.matcher(Files.readString(README));
    while (block.find()) {
      if (block.group(1).contains(BASE)) {
        examples.add(block.group(1));
      }
    }
    assertThat(examples).as("the README's examples against a running gateway").hasSizeGreaterThanOrEqualTo(4);

    String base = "http://localhost:" + port;
    // Run from a directory of its own that sees the repository's scripts, build and demo data, so
    // that what the examples write (log.zip) stays out of the repository.
    Path workspace = Files.createTempDirectory("readme-examples-");
    for (String folder : List.of("scripts", "gateway", "test-data")) {
      Files.createSymbolicLink(workspace.resolve(folder), Path.of("..", folder).toAbsolutePath().normalize());
    }
    StringBuilder script = new StringBuilder("set -euo pipefail\ncd " + workspace + "\nexport PASSAGE_URL=" + base + "\n"
        // Each answer's status after its body, so that the test sees what every call answered.
        + "curl() { command curl -sS -w '\\nHTTP %{http_code}\\n' \"$@\"; }\n");
    for (String example : examples) {
      script.append(example.replace(BASE, base).replace(KEY_PLACEHOLDER, verifierKey)).append('\n');
    }
    Path file = Files.createTempFile("readme-examples-", ".sh");
    Files.writeString(file, script);
    Process bash = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true).start();
    String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(bash.exitValue()).as(output).isZero();
    assertThat(output).as(output).contains("HTTP 200").doesNotContain("HTTP 5").doesNotContain("<html")
        .contains("HTTP 404").contains("VERIFIED").doesNotContain("NOT VERIFIED");
  }

  /** What the operator hands an auditor: the verifier key of the gateway's configured checkpoint key. */
  private static String operatorsVerifierKey() throws Exception {
    try (PEMParser pem = new PEMParser(Files.newBufferedReader(Path.of("src/test/resources/security/test-audit-key-ed25519.pem")))) {
      Ed25519PrivateKeyParameters key = (Ed25519PrivateKeyParameters) PrivateKeyFactory.createKey((PrivateKeyInfo) pem.readObject());
      return new NoteKey("passage-gateway.org/audit", key.generatePublicKey().getEncoded()).verifierKey();
    }
  }
}
