package org.passagegateway.gateway.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's page at {@code /console/} (its other files are served as static resources from the
 * console's jar, {@code META-INF/resources/console/}). The page is never cached, so a new build's
 * assets (whose names carry their hash) are picked up at once.
 */
@RestController
final class ConsoleIndex {

  static final String INDEX = "META-INF/resources/console/index.html";

  private final byte[] page;

  ConsoleIndex() {
    try (InputStream in = ConsoleIndex.class.getClassLoader().getResourceAsStream(INDEX)) {
      if (in == null) {
        throw new IllegalStateException("the console is missing from the class path (" + INDEX + ")");
      }
      page = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @GetMapping(path = {"/console", "/console/", "/console/index.html"}, produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<byte[]> page() {
    return ResponseEntity.ok().cacheControl(CacheControl.noCache())
        .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8)).body(page);
  }
}
