package org.passagegateway.gateway.error;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.NotModifiedException;

/**
 * Replaces every exception leaving HAPI's RESTful server with its Passage equivalent, so every
 * FHIR error response is a Passage OperationOutcome.
 */
@Interceptor
public final class FhirErrorInterceptor {

  private final ErrorTranslator translator;

  public FhirErrorInterceptor(ErrorTranslator translator) {
    this.translator = translator;
  }

  @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
  public BaseServerResponseException translate(Throwable thrown, RequestDetails request) {
    if (thrown instanceof NotModifiedException notModified) {
      // A conditional read (If-None-Match) of the current version: 304, not an error.
      return notModified;
    }
    boolean withBody = request == null || hasBody(request.getRequestType());
    CallerValues caller = request instanceof ServletRequestDetails servlet && servlet.getServletRequest() != null
        ? CallerValues.of(servlet.getServletRequest(), body(servlet)).withParameters(servlet.getParameters())
        : CallerValues.none();
    try {
      return translator.translate(thrown, withBody, caller);
    } catch (RuntimeException | StackOverflowError failed) {
      // Translating must not fail in turn (HAPI would answer with its own 500 and text).
      return translator.internal(failed);
    }
  }

  private static byte[] body(ServletRequestDetails request) {
    try {
      return request.loadRequestContents();
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  private static boolean hasBody(RequestTypeEnum method) {
    return method == RequestTypeEnum.POST || method == RequestTypeEnum.PUT || method == RequestTypeEnum.PATCH;
  }
}
