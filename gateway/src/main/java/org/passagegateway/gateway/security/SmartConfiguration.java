package org.passagegateway.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code GET /fhir/.well-known/smart-configuration} (and {@code /.well-known/...}): what a SMART
 * Backend Services client needs to get a token, and what the console needs to sign a person in
 * (standalone launch, a public client with PKCE). A filter, because {@code /fhir/*} belongs to
 * HAPI's servlet.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/conformance.html">SMART configuration</a>
 */
final class SmartConfiguration extends OncePerRequestFilter {

  static final List<String> PATHS = List.of("/fhir/.well-known/smart-configuration", "/.well-known/smart-configuration");

  private final GatewayUrls urls;
  private final ObjectMapper json = new ObjectMapper();

  SmartConfiguration(GatewayUrls urls) {
    this.urls = urls;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"GET".equals(request.getMethod()) || !PATHS.contains(request.getRequestURI());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Map<String, Object> configuration = new LinkedHashMap<>();
    configuration.put("issuer", urls.issuer(request));
    configuration.put("jwks_uri", urls.base(request) + JwksEndpoint.PATH);
    configuration.put("token_endpoint", urls.tokenEndpoint(request));
    // People sign in to the console (a public client) with the authorization-code flow and PKCE.
    configuration.put("authorization_endpoint", urls.base(request) + GatewayUrls.AUTHORIZATION_PATH);
    configuration.put("grant_types_supported", List.of("client_credentials", "authorization_code"));
    configuration.put("response_types_supported", List.of("code"));
    configuration.put("code_challenge_methods_supported", List.of("S256"));
    configuration.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt", "none"));
    configuration.put("token_endpoint_auth_signing_alg_values_supported", List.of("ES384", "RS384"));
    configuration.put("scopes_supported", List.of("system/*.cruds", "system/*.rs", "user/*.cruds", "user/*.rs"));
    configuration.put("capabilities", List.of("client-confidential-asymmetric", "launch-standalone", "client-public",
        "permission-user", "permission-v2"));
    byte[] body = json.writeValueAsBytes(configuration);
    response.setStatus(200);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
