package org.passagegateway.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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

  /**
   * Runs one command and answers what it printed; fails if it fails, with the end of what it
   * printed on its error stream and of every log of the cluster in the message (where CI shows it).
   */
  String run(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(root.resolve("scripts/cluster").toString());
    command.addAll(List.of(arguments));
    try {
      Process process = new ProcessBuilder(command).directory(root.toFile()).start();
      process.getOutputStream().close();
      StringBuffer errors = new StringBuffer();
      Thread errorReader = new Thread(() -> copyErrors(process, errors), "scripts/cluster stderr");
      errorReader.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      boolean ended = process.waitFor(15, TimeUnit.MINUTES);
      errorReader.join(TimeUnit.SECONDS.toMillis(10));
      if (!ended || process.exitValue() != 0) {
        throw new IllegalStateException("scripts/cluster " + String.join(" ", arguments)
            + (ended ? " failed (exit " + process.exitValue() + ")" : " did not end in 15 minutes")
            + "\n--- its error stream, last lines:\n" + tail(errors.toString(), 40) + nodeErrors() + logTails());
      }
      return out.trim();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run scripts/cluster", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void copyErrors(Process process, StringBuffer errors) {
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        System.err.println(line);
        errors.append(line).append('\n');
      }
    } catch (IOException e) {
      errors.append("(error stream unreadable: ").append(e.getClass().getSimpleName()).append(")\n");
    }
  }

  /** The last lines of each log of the cluster (its state folder, as {@code scripts/cluster} keeps it). */
  private static String logTails() {
    Path logs = logs();
    if (!Files.isDirectory(logs)) {
      return "\n--- no logs in " + logs;
    }
    StringBuilder tails = new StringBuilder();
    try (Stream<Path> files = Files.list(logs)) {
      for (Path file : files.sorted().toList()) {
        tails.append("\n--- ").append(file.getFileName()).append(", last lines:\n")
            .append(tail(Files.readString(file, StandardCharsets.ISO_8859_1), 12));
      }
    } catch (IOException e) {
      tails.append("\n--- logs unreadable: ").append(e.getClass().getSimpleName());
    }
    return tails.toString();
  }

  /**
   * The first errors each gateway node logged, its causes included: why a node died, ahead of the
   * tails of every log (which a long failure message may lose).
   */
  private static String nodeErrors() {
    StringBuilder found = new StringBuilder();
    if (!Files.isDirectory(logs())) {
      return "";
    }
    try (Stream<Path> files = Files.list(logs())) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("node")).sorted().toList()) {
        List<String> lines = Files.readString(file, StandardCharsets.ISO_8859_1).lines()
            .filter(line -> line.contains(" ERROR ") || line.startsWith("Caused by:")
                || line.matches("^[a-z][\\w.$]*(Exception|Error)\\b.*"))
            .limit(12)
            .toList();
        if (!lines.isEmpty()) {
          found.append("\n--- ").append(file.getFileName()).append(", first errors:\n").append(String.join("\n", lines));
        }
      }
    } catch (IOException e) {
      found.append("\n--- node logs unreadable: ").append(e.getClass().getSimpleName());
    }
    return found.toString();
  }

  private static Path logs() {
    return Path.of(System.getenv().getOrDefault("PASSAGE_CLUSTER_DIR", "/tmp/passage-cluster"), "log");
  }

  private static String tail(String text, int lines) {
    List<String> all = text.lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
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
