package org.passagegateway.gateway.custody;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentInterceptor;

/**
 * With FHIR access control off (allowed only on the demo network, to measure what Passage's checks
 * cost), there is no caller to decide for: HAPI's consent interceptor is told to leave every
 * request alone, counts included, so the unchecked gateway is HAPI as it comes.
 */
@Interceptor
final class NoConsentChecks {

  /** Before HAPI's consent interceptor (order 100). */
  @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = 0)
  public void skip(RequestDetails request) {
    ConsentInterceptor.skipAllConsentForRequest(request);
  }
}
