package org.passagegateway.gateway.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import jakarta.servlet.http.HttpServletRequest;
import org.passagegateway.gateway.config.Stages;
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
  static final int ORDER = Stages.AUTHENTICATE;

  private static final String CALLER = FhirAuthentication.class.getName() + ".caller";

  private final AccessTokenVerifier tokens;
  private final GatewayUrls urls;

  FhirAuthentication(AccessTokenVerifier tokens, GatewayUrls urls) {
    this.tokens = tokens;
    this.urls = urls;
  }

  /** The first thing HAPI does with a request, before it parses anything or looks for a handler. */
  @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED, order = ORDER)
  public boolean authenticate(HttpServletRequest servletRequest) {
    if (isCapabilityStatement(servletRequest)) {
      return true;
    }
    String authorization = servletRequest.getHeader("Authorization");
    try {
      servletRequest.setAttribute(CALLER, tokens.verify(authorization, urls.issuer(servletRequest), urls.fhirBase(servletRequest)));
    } catch (PassageException refused) {
      refused.addResponseHeader("WWW-Authenticate",
          authorization == null ? "Bearer realm=\"passage\"" : "Bearer realm=\"passage\", error=\"invalid_token\"");
      throw refused;
    }
    return true;
  }

  /** Hands the caller to the request HAPI has built, for the hooks that follow. */
  @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = ORDER)
  public boolean identify(RequestDetails request, HttpServletRequest servletRequest) {
    if (servletRequest.getAttribute(CALLER) instanceof Caller caller) {
      Callers.set(request, caller);
    }
    return true;
  }

  private static boolean isCapabilityStatement(HttpServletRequest request) {
    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
    return ("/metadata".equals(path) && "GET".equals(request.getMethod()))
        || ((path.isEmpty() || "/".equals(path)) && "OPTIONS".equals(request.getMethod()));
  }
}
