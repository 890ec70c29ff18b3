package org.passagegateway.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The gateway's public URLs: configured ({@code passage.security.public-base-url}) behind a
 * proxy, else those of the request.
 */
public final class GatewayUrls {

  private final String configuredBase;

  GatewayUrls(String configuredBase) {
    this.configuredBase = configuredBase == null || configuredBase.isBlank() ? null : stripSlash(configuredBase);
  }

  public String base(HttpServletRequest request) {
    return configuredBase != null ? configuredBase
        : stripSlash(ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).toUriString());
  }

  /**
   * The base of a URL that Spring Security expands per request: the configured base, else its
   * {@code {baseUrl}} placeholder (the request's own).
   */
  public String baseTemplate() {
    return configuredBase != null ? configuredBase : "{baseUrl}";
  }

  /** Where people sign in (the console's authorization endpoint; signin/SignInConfiguration serves it). */
  public static final String AUTHORIZATION_PATH = "/auth/authorize";
  /** The token endpoint, for clients (client credentials) and the console (a code exchange). */
  public static final String TOKEN_PATH = TokenEndpoint.PATH;

  String tokenEndpoint(HttpServletRequest request) {
    return base(request) + TokenEndpoint.PATH;
  }

  public String issuer(HttpServletRequest request) {
    return base(request) + "/auth";
  }

  public String fhirBase(HttpServletRequest request) {
    return base(request) + "/fhir";
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
