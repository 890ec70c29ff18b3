package org.passagegateway.gateway.error;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;

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
  public BaseServerResponseException translate(Throwable thrown) {
    return translator.translate(thrown);
  }
}
