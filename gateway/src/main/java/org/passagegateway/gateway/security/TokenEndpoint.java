package org.passagegateway.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OAuth 2.0 token endpoint of SMART Backend Services: {@code client_credentials} with a
 * {@code private_key_jwt} client assertion. Answers an access token, or an RFC 6749 error.
 */
@RestController
final class TokenEndpoint {

  static final String PATH = "/auth/token";
  static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  private final ClientAssertionVerifier assertions;
  private final AccessTokenIssuer tokens;
  private final GatewayUrls urls;

  TokenEndpoint(ClientAssertionVerifier assertions, AccessTokenIssuer tokens, GatewayUrls urls) {
    this.assertions = assertions;
    this.tokens = tokens;
    this.urls = urls;
  }

  @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> token(@RequestBody MultiValueMap<String, String> form, HttpServletRequest request) {
    if (!"client_credentials".equals(form.getFirst("grant_type"))) {
      throw TokenError.UNSUPPORTED_GRANT_TYPE.failure("only the client_credentials grant is supported");
    }
    if (!JWT_BEARER.equals(form.getFirst("client_assertion_type")) || form.getFirst("client_assertion") == null) {
      throw TokenError.INVALID_CLIENT.failure("authenticate with a client_assertion of type " + JWT_BEARER);
    }
    String scope = form.getFirst("scope");
    if (scope == null || scope.isBlank()) {
      throw TokenError.INVALID_SCOPE.failure("name the scopes requested");
    }
    String stated = form.getFirst(PurposeOfUse.CLAIM);
    Optional<String> purpose = PurposeOfUse.parse(stated);
    if (stated != null && purpose.isEmpty()) {
      throw TokenError.INVALID_REQUEST.failure(PurposeOfUse.CLAIM + " must be one of the v3 ActReason codes "
          + String.join(", ", new java.util.TreeSet<>(PurposeOfUse.CODES)));
    }
    RegisteredClient client = assertions.verify(form.getFirst("client_assertion"), urls.tokenEndpoint(request));
    Set<String> granted = granted(scope, client);
    AccessTokenIssuer.IssuedToken token = tokens.issue(client, granted, purpose, urls.issuer(request), urls.fhirBase(request));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", token.accessToken());
    body.put("token_type", "bearer");
    body.put("expires_in", token.expiresIn());
    body.put("scope", token.scope());
    purpose.ifPresent(code -> body.put(PurposeOfUse.CLAIM, code));
    return noStore(ResponseEntity.ok()).body(body);
  }

  /** The requested scopes the client's registered scopes cover; none is an error. */
  static Set<String> granted(String requested, RegisteredClient client) {
    Set<String> granted = new LinkedHashSet<>();
    for (String scope : requested.trim().split("\\s+")) {
      SmartScope.parse(scope).filter(asked -> client.allowedScopes().stream()
              .flatMap(allowed -> SmartScope.parse(allowed).stream())
              .anyMatch(allowed -> allowed.covers(asked)))
          .ifPresent(ok -> granted.add(scope));
    }
    if (granted.isEmpty()) {
      throw TokenError.INVALID_SCOPE.failure("none of the requested scopes is allowed for this client");
    }
    return granted;
  }

  @ExceptionHandler(TokenError.Failure.class)
  ResponseEntity<Map<String, String>> refused(TokenError.Failure failure) {
    return noStore(ResponseEntity.status(failure.error().httpStatus()))
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("error", failure.error().code(), "error_description", failure.getMessage()));
  }

  private static ResponseEntity.BodyBuilder noStore(ResponseEntity.BodyBuilder builder) {
    return builder.cacheControl(CacheControl.noStore()).header("Pragma", "no-cache");
  }
}
