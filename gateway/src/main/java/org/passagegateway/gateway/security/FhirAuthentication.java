package org.passagegateway.gateway.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.passagegateway.gateway.config.Stages;

/**
 * Hands the caller the gateway's door ({@link GatewayDoor}) authenticated to the FHIR request
 * HAPI has built, for the authorization and access rules that follow. The door has already
 * refused every FHIR request without a valid token but the CapabilityStatement's, before HAPI
 * parsed anything or chose a handler, so without a token nothing is learnt about the server.
 */
@Interceptor
final class FhirAuthentication {

  /** Before every other Passage hook on the same pointcut. */
  static final int ORDER = Stages.AUTHENTICATE;

  @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = ORDER)
  public boolean identify(RequestDetails request) {
    CallerAuthentication.current().ifPresent(caller -> Callers.set(request, caller));
    return true;
  }
}
