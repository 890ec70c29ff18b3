package org.passagegateway.gateway.error;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.Constants;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Writes a Passage OperationOutcome as FHIR JSON where HAPI is not the one answering: servlet
 * filters and Spring endpoints.
 */
public final class ErrorResponseWriter {

  private final FhirContext fhirContext;

  public ErrorResponseWriter(FhirContext fhirContext) {
    this.fhirContext = fhirContext;
  }

  /** The JSON body of the OperationOutcome of an error. */
  public String body(PassageException error) {
    return encode(error.getOperationOutcome());
  }

  /** The answer of a Spring endpoint to an error: its status, FHIR JSON, and a bearer challenge for a 401. */
  public ResponseEntity<String> entity(PassageException error) {
    ResponseEntity.BodyBuilder response = ResponseEntity.status(error.getStatusCode())
        .contentType(MediaType.parseMediaType("application/fhir+json;charset=UTF-8"));
    if (error.error() == PassageError.AUTHENTICATION_REQUIRED) {
      response.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }
    error.getResponseHeaders().forEach((name, values) -> values.forEach(value -> response.header(name, value)));
    return response.body(body(error));
  }

  public String encode(OperationOutcome outcome) {
    return fhirContext.newJsonParser().encodeResourceToString(outcome);
  }

  public void write(HttpServletResponse response, PassageException error) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    byte[] body = body(error).getBytes(StandardCharsets.UTF_8);
    response.resetBuffer();
    response.setStatus(error.getStatusCode());
    response.setContentType(Constants.CT_FHIR_JSON_NEW + ";charset=utf-8");
    error.getResponseHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
    // A fixed length, not chunked: the answer may go out before the request body was read,
    // and the connection may close right after it.
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
