package org.passagegateway.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A gateway on a new H2 file database (one per test JVM), with the demo network loaded. Every
 * subclass shares the one Spring context.
 */
public abstract class H2GatewayTest extends GatewayTest {

  private static final Path DATA_DIR = newDataDir();

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> h2Url(DATA_DIR));
  }

  /** The JDBC URL of an H2 file database in the given folder. */
  public static String h2Url(Path folder) {
    return "jdbc:h2:file:" + folder.resolve("passage").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0;QUERY_CACHE_SIZE=64";
  }

  /** A new, empty folder under target/ for an H2 database. */
  public static Path newDataDir() {
    try {
      Path target = Path.of("target", "test-h2");
      Files.createDirectories(target);
      return Files.createTempDirectory(target, "db-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
