package org.passagegateway.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code scripts/cluster}, run as an operator runs it: each fault is one of its commands. */
final class ClusterScript {

  private final Path root;

  ClusterScript(Path root) {
    this.root = root;
  }

  /** The repository's root, from the working directory (the root itself or one of its modules). */
  static ClusterScript find() {
    Path here = Path.of("").toAbsolutePath();
    for (Path candidate = here; candidate != null; candidate = candidate.getParent()) {
      if (candidate.resolve("scripts/cluster").toFile().canExecute()) {
        return new ClusterScript(candidate);
      }
    }
    throw new IllegalStateException("scripts/cluster not found above " + here);
  }

  Path root() {
    return root;
  }

  /** Runs one command and answers what it printed; fails if it fails. */
  String run(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(root.resolve("scripts/cluster").toString());
    command.addAll(List.of(arguments));
    try {
      Process process = new ProcessBuilder(command).directory(root.toFile())
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException("scripts/cluster " + String.join(" ", arguments) + " failed");
      }
      return out.trim();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run scripts/cluster", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The addresses and files a client of the cluster needs ({@code scripts/cluster env}). */
  Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : run("env").split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        env.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return env;
  }
}
