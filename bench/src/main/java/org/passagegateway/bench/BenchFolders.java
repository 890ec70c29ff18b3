package org.passagegateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The benchmarks' working folders (a gateway's H2 database, a browser profile): created under the
 * system's temporary folder and deleted when the benchmark's JVM exits, unless
 * {@code KEEP_BENCH_FOLDERS=1} keeps them to look at (a seeded database is over a gigabyte).
 */
final class BenchFolders {

  private static final boolean KEEP = "1".equals(System.getenv("KEEP_BENCH_FOLDERS"));
  private static final List<Path> CREATED = new ArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(BenchFolders::deleteAll, "bench-folders"));
  }

  private BenchFolders() {}

  /** A new, empty folder whose name begins with {@code prefix}. */
  static synchronized Path create(String prefix) throws IOException {
    Path folder = Files.createTempDirectory(prefix);
    CREATED.add(folder);
    return folder;
  }

  private static synchronized void deleteAll() {
    if (KEEP) {
      CREATED.forEach(folder -> System.err.println("kept " + folder));
      return;
    }
    for (Path folder : CREATED) {
      try (Stream<Path> files = Files.walk(folder)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      } catch (IOException | UncheckedIOException e) {
        System.err.println("could not delete " + folder + ": " + e.getMessage());
      }
    }
  }
}
