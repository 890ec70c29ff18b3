package org.passagegateway.gateway.security;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /auth/jwks}: the public keys that verify the gateway's access tokens. */
@RestController
final class JwksEndpoint {

  private final GatewaySigningKeys keys;

  JwksEndpoint(GatewaySigningKeys keys) {
    this.keys = keys;
  }

  static final String PATH = "/auth/jwks";

  @GetMapping(path = PATH, produces = "application/jwk-set+json")
  Map<String, Object> jwks() {
    return keys.verificationKeys().toJSONObject();
  }
}
