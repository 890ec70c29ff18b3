package org.passagegateway.gateway.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import jakarta.servlet.http.HttpServletRequest;
import org.passagegateway.gateway.error.PassageException;

/**
 * Requires a valid bearer access token on every FHIR request except the CapabilityStatement
 * ({@code GET /fhir/metadata}, {@code OPTIONS /fhir}), and records the {@link Caller} it
 * authenticates for the authorization and access rules that follow. It runs before HAPI chooses a
 * handler, so without a token nothing is learnt about the server, not even which paths exist.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750 §3, WWW-Authenticate</a>
 */
@Interceptor
final class FhirAuthentication {

  /** Before every other Passage hook on the same pointcut. */
  static final int ORDER = -1000;

  private final AccessTokenVerifier tokens;
  private final GatewayUrls urls;

  FhirAuthentication(AccessTokenVerifier tokens, GatewayUrls urls) {
    this.tokens = tokens;
    this.urls = urls;
  }

  @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = ORDER)
  public boolean authenticate(RequestDetails request, HttpServletRequest servletRequest) {
    if (isCapabilityStatement(request)) {
      return true;
    }
    String authorization = request.getHeader("Authorization");
    try {
      Callers.set(request, tokens.verify(authorization, urls.issuer(servletRequest), urls.fhirBase(servletRequest)));
    } catch (PassageException refused) {
      refused.addResponseHeader("WWW-Authenticate",
          authorization == null ? "Bearer realm=\"passage\"" : "Bearer realm=\"passage\", error=\"invalid_token\"");
      throw refused;
    }
    return true;
  }

  private static boolean isCapabilityStatement(RequestDetails request) {
    String path = request.getRequestPath() == null ? "" : request.getRequestPath();
    return ("metadata".equals(path) && request.getRequestType() == RequestTypeEnum.GET)
        || (path.isEmpty() && request.getRequestType() == RequestTypeEnum.OPTIONS);
  }
}
