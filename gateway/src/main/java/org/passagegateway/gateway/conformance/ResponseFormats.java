package org.passagegateway.gateway.conformance;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.passagegateway.gateway.error.ErrorResponseWriter;
import org.passagegateway.gateway.error.PassageError;

/**
 * Passage answers in FHIR JSON and FHIR XML. A request that asks only for RDF (Turtle), by
 * {@code _format} or Accept, gets 406 instead of an error from the RDF library Passage leaves
 * out; the CapabilityStatement does not offer Turtle.
 */
@Interceptor
public final class ResponseFormats {

  private final ErrorResponseWriter writer;

  public ResponseFormats(ErrorResponseWriter writer) {
    this.writer = writer;
  }

  /**
   * Answers 406 itself, in JSON: thrown as an exception, HAPI would write the OperationOutcome
   * in the very format that was asked for.
   */
  @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
  public boolean refuseRdf(RequestDetails request, HttpServletResponse response) throws IOException {
    RestfulServerUtils.ResponseEncoding wanted = RestfulServerUtils.determineResponseEncodingNoDefault(request, null);
    if (wanted != null && wanted.getEncoding() == EncodingEnum.RDF) {
      writer.write(response, PassageError.NOT_ACCEPTABLE.exception());
      return false;
    }
    return true;
  }

  @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
  public void offerJsonAndXml(IBaseConformance generated) {
    CapabilityStatement statement = (CapabilityStatement) generated;
    statement.getFormat().removeIf(format -> format.getValue() != null
        && (format.getValue().contains("turtle") || format.getValue().equals("ttl")));
  }
}
