package org.passagegateway.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The answers HAProxy gives in the gateway's name when no node can (deploy/haproxy/errors, named
 * by its {@code errorfile} lines): the same Passage OperationOutcome, code and {@code Retry-After}
 * a node would send, made from {@link PassageError}, so a client sees one error format whoever
 * answers. Run with {@code -Dpassage.write-error-pages=true} to write them after changing a message.
 */
class LoadBalancerErrorPagesTest {

  private static final Path PAGES = Path.of("..", "deploy", "haproxy", "errors");

  enum Page {
    NO_NODE(503, "Service Unavailable", PassageError.NO_NODE_AVAILABLE),
    NODE_LOST(502, "Bad Gateway", PassageError.NODE_LOST),
    NODE_TIMEOUT(504, "Gateway Timeout", PassageError.NODE_TIMEOUT);

    final int status;
    final String reason;
    final PassageError error;

    Page(int status, String reason, PassageError error) {
      this.status = status;
      this.reason = reason;
      this.error = error;
    }
  }

  @ParameterizedTest
  @EnumSource(Page.class)
  void whenHaproxyAnswersForTheGatewayThenItSendsThePassageErrorANodeWould(Page page) throws IOException {
    assertThat(page.error.httpStatus()).isEqualTo(page.status);
    String expected = render(page);
    Path file = PAGES.resolve(page.status + ".http");
    if (Boolean.getBoolean("passage.write-error-pages")) {
      Files.createDirectories(PAGES);
      Files.writeString(file, expected, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).as("%s, made from PassageError", file).isEqualTo(expected);

    String body = expected.substring(expected.indexOf("\r\n\r\n") + 4);
    OperationOutcome outcome = FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, body);
    assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode()).isEqualTo(page.error.code());
    assertThat(expected).contains("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n");
  }

  private static String render(Page page) {
    PassageException error = page.error.exception();
    String body = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(error.getOperationOutcome());
    StringBuilder response = new StringBuilder()
        .append("HTTP/1.1 ").append(page.status).append(' ').append(page.reason).append("\r\n")
        .append("Content-Type: application/fhir+json;charset=utf-8\r\n")
        .append("Cache-Control: no-store\r\n");
    for (Map.Entry<String, java.util.List<String>> header : error.getResponseHeaders().entrySet()) {
      for (String value : header.getValue()) {
        response.append(header.getKey()).append(": ").append(value).append("\r\n");
      }
    }
    return response.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n")
        .append("Connection: close\r\n\r\n").append(body).toString();
  }
}
