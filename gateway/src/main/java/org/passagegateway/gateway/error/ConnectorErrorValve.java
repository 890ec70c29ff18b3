package org.passagegateway.gateway.error;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import java.util.UUID;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's answer to a request it refuses before any servlet sees it (a request line or header it
 * cannot parse, an invalid escape in the URL) is a Passage OperationOutcome, not Tomcat's HTML
 * page. It names no part of the request. Installed as the host's error report valve, which Tomcat
 * instantiates by class name.
 */
public final class ConnectorErrorValve extends ErrorReportValve {

  private static final Logger log = LoggerFactory.getLogger(ConnectorErrorValve.class);

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    PassageException exception;
    if (status == 404) {
      exception = PassageError.UNKNOWN_ENDPOINT.exception();
    } else if (status == 405) {
      exception = PassageError.METHOD_NOT_ALLOWED.exception();
    } else if (status >= 500) {
      String reference = UUID.randomUUID().toString();
      log.error("Tomcat answered {} before the gateway saw the request (incident {})", status, reference);
      exception = PassageError.INTERNAL.exception(reference);
    } else {
      exception = PassageError.INVALID_REQUEST.exception(
          "the request is not valid HTTP (its request line, headers or escapes)");
    }
    try {
      response.setContentType("application/fhir+json;charset=utf-8");
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(exception.getOperationOutcome()));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException ignored) {
      // The connection is gone or already answered: nothing more to say.
    }
  }
}
