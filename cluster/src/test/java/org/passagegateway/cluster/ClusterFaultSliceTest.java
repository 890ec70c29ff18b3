package org.passagegateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The slice of the fault suite that runs with the tests: a real cluster from {@code scripts/cluster}
 * (three-member etcd, Patroni with a synchronous standby, HAProxy, three gateway nodes of the
 * production jar), a network set up by its first admin, light referral load from two clients
 * through HAProxy, and two faults: {@code kill -9} of a gateway node, and of the database primary.
 * It replaces any cluster {@code scripts/cluster} was running, and destroys its own at the end.
 */
class ClusterFaultSliceTest {

  /** What a client may see while a node or the primary is lost: answers it retries, never a 500. */
  private static final Set<String> TRANSIENT = Set.of("PASSAGE-9002", "PASSAGE-9003", "PASSAGE-9004", "PASSAGE-9005",
      "no answer");

  private static ClusterScript script;

  @BeforeAll
  static void startCluster() {
    script = ClusterScript.find();
    script.run("destroy");
    script.run("start");
  }

  @AfterAll
  static void destroyCluster() {
    script.run("destroy");
  }

  @Test
  void whenAGatewayNodeAndThenThePrimaryAreKilledUnderLoadThenNothingAcknowledgedIsLostAndEveryCheckHolds() throws Exception {
    List<FaultSuite.Row> rows = FaultSuite.runAgainst(script, List.of("gateway-kill", "primary-kill"), 2, 10);
    System.out.println(FaultSuite.table(rows));

    Map<String, FaultSuite.Row> byFault = FaultSuite.byFault(rows);
    assertThat(byFault.keySet()).containsExactly("gateway-kill", "primary-kill");
    for (FaultSuite.Row row : rows) {
      assertThat(row.problems()).as(row.fault()).isEmpty();
      assertThat(row.lost()).as(row.fault()).isZero();
      assertThat(row.acknowledged()).as(row.fault()).isGreaterThanOrEqualTo(30);
      assertThat(row.errors().keySet()).as(row.fault()).allMatch(TRANSIENT::contains);
    }
    assertThat(byFault.get("primary-kill").errors().keySet()).as("the primary was lost for a while")
        .contains("PASSAGE-9002");
  }

  @Test
  void whenHaproxyReadsTheComposeFilesConfigurationThenItIsValid() throws IOException, InterruptedException {
    Path root = script.root();
    String config = Files.readString(root.resolve("docker/haproxy.cfg"), StandardCharsets.UTF_8)
        .replace("/usr/local/etc/haproxy/errors", root.resolve("deploy/haproxy/errors").toString());
    Path checked = Files.createTempFile("compose-haproxy", ".cfg");
    Files.writeString(checked, config, StandardCharsets.UTF_8);
    Process haproxy = new ProcessBuilder(haproxyCommand(), "-c", "-f", checked.toString()).redirectErrorStream(true).start();
    String out = new String(haproxy.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(haproxy.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(haproxy.exitValue()).as(out).isZero();
    assertThat(out).contains("Configuration file is valid");
  }

  /** Debian's haproxy is in /usr/sbin, which the test's environment may not have on its PATH. */
  private static String haproxyCommand() {
    return Stream.of("/usr/sbin/haproxy", "/usr/local/sbin/haproxy", "/usr/bin/haproxy").filter(p -> Files.isExecutable(Path.of(p)))
        .findFirst().orElse("haproxy");
  }
}
