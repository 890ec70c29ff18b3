package org.passagegateway.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.passagegateway.gateway.error.ErrorResponseWriter;
import org.passagegateway.gateway.error.PassageException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requires a valid access token, of any role, on the gateway's non-FHIR endpoints that serve
 * content (the package download); the FHIR endpoint authenticates in {@link FhirAuthentication}
 * and the admin API in its controller.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

  private final AccessTokenVerifier tokens;
  private final GatewayUrls urls;
  private final ErrorResponseWriter errors;

  BearerTokenFilter(AccessTokenVerifier tokens, GatewayUrls urls, ErrorResponseWriter errors) {
    this.tokens = tokens;
    this.urls = urls;
    this.errors = errors;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      tokens.verify(request.getHeader("Authorization"), urls.issuer(request), urls.fhirBase(request));
    } catch (PassageException refused) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"passage\"");
      errors.write(response, refused);
      return;
    }
    chain.doFilter(request, response);
  }
}
