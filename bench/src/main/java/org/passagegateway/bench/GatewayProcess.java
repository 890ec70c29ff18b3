package org.passagegateway.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A gateway started as its own JVM from the demo build ({@code passage-gateway-demo.jar}), with the
 * demo network, on an H2 database in its own folder unless told another.
 */
final class GatewayProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path folder;

  private GatewayProcess(Process process, int port, Path folder) {
    this.process = process;
    this.port = port;
    this.folder = folder;
  }

  /** The jar the benchmarks start: {@code -Djar=...}, by default the demo build of this checkout. */
  static Path jar() {
    return Path.of(System.getProperty("jar", "gateway/target/passage-gateway-demo.jar"));
  }

  /** The argument that switches Passage's checks off (allowed only on the demo network and H2). */
  static String checksOff(String... checks) {
    return "--passage.benchmark.checks-off=" + String.join(",", checks);
  }

  static GatewayProcess start(Path jar, String name, List<String> arguments) throws IOException, InterruptedException {
    return startIn(jar, BenchFolders.create("passage-bench-" + name + "-"), arguments);
  }

  /** Starts a gateway in {@code folder} (its H2 database is {@code folder/data}, kept across restarts). */
  static GatewayProcess startIn(Path jar, Path folder, List<String> arguments) throws IOException, InterruptedException {
    int port = freePort();
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(jvmOptions());
    command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--server.port=" + port, "--passage.demo.enabled=true",
        // Every referral's client gets a pseudonym issued; a benchmark issues far more than a site's hourly allowance.
        "--passage.identity.derivations-per-hour=100000000"));
    command.addAll(arguments);
    Process process = new ProcessBuilder(command).directory(folder.toFile())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("gateway.log").toFile()))
        .start();
    GatewayProcess gateway = new GatewayProcess(process, port, folder);
    gateway.awaitReady();
    return gateway;
  }

  Path folder() {
    return folder;
  }

  /**
   * The gateway's JVM options: {@code -DgatewayJvmOptions="..."} (the scripts pass {@code GATEWAY_JVM_OPTIONS}),
   * by default the development options of the README's run command.
   */
  static List<String> jvmOptions() {
    String options = System.getProperty("gatewayJvmOptions", "").trim();
    return options.isEmpty() ? List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC") : List.of(options.split("\\s+"));
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  String fhirBase() {
    return base() + "/fhir";
  }

  private void awaitReady() throws InterruptedException, IOException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
    for (int attempt = 0; attempt < 1200; attempt++) {
      if (!process.isAlive()) {
        throw new IllegalStateException("gateway exited; see " + folder.resolve("gateway.log"));
      }
      try {
        if (client.send(HttpRequest.newBuilder(readiness).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("gateway not ready after 5 minutes; see " + folder.resolve("gateway.log"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
