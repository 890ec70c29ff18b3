package org.passagegateway.gateway.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.passagegateway.gateway.support.RawHttp.Response;

/** Gets access tokens from a running gateway's token endpoint, as a SMART Backend Services client does. */
public final class AccessTokens {

  public static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

  private record Cached(String token, Instant renewAt) {}

  private AccessTokens() {}

  /** The purpose of use a demo site states for its tokens: treatment, which the demo consents name. */
  public static final String SITE_PURPOSE = "TREAT";

  /**
   * An access token for the demo client with all its registered scopes (a site's stating {@link
   * #SITE_PURPOSE}), reused across tests until a minute before it expires.
   */
  public static String cached(RawHttp http, int port, String clientId) {
    return cached(http, port, DemoCredentials.client(clientId));
  }

  /** An access token for the client with all its scopes, reused until a minute before it expires. */
  public static String cached(RawHttp http, int port, DemoCredentials.Client client) {
    String key = port + " " + client.clientId();
    Cached cached = CACHE.get(key);
    if (cached == null || Instant.now().isAfter(cached.renewAt())) {
      cached = new Cached(of(http, port, client, client.scope(), "site".equals(client.role()) ? SITE_PURPOSE : null),
          Instant.now().plusSeconds(240));
      CACHE.put(key, cached);
    }
    return cached.token();
  }

  /** Forgets cached tokens of a gateway (one that restarted with other keys on the same port). */
  public static void forget(int port) {
    CACHE.keySet().removeIf(key -> key.startsWith(port + " "));
  }

  /** The token endpoint's answer to a client_credentials request with this assertion. */
  public static Response request(RawHttp http, String assertion, String scope) {
    return request(http, assertion, scope, null);
  }

  /** The token endpoint's answer to a client_credentials request with this assertion and purpose of use (or none). */
  public static Response request(RawHttp http, String assertion, String scope, String purposeOfUse) {
    String form = "grant_type=client_credentials"
        + "&client_assertion_type=" + URLEncoder.encode(JWT_BEARER, StandardCharsets.UTF_8)
        + "&client_assertion=" + URLEncoder.encode(assertion, StandardCharsets.UTF_8)
        + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)
        + (purposeOfUse == null ? "" : "&purpose_of_use=" + URLEncoder.encode(purposeOfUse, StandardCharsets.UTF_8));
    return http.send("POST", "/auth/token", "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
  }

  /** An access token for the client, stating no purpose of use (fails the test if none is issued). */
  public static String of(RawHttp http, int port, DemoCredentials.Client client, String scope) {
    return of(http, port, client, scope, null);
  }

  /** An access token for the client, stating the purpose of use (or none) (fails the test if none is issued). */
  public static String of(RawHttp http, int port, DemoCredentials.Client client, String scope, String purposeOfUse) {
    Response response = request(http, DemoCredentials.assertion(client, "http://localhost:" + port + "/auth/token"), scope,
        purposeOfUse);
    if (response.status() != 200) {
      throw new AssertionError("no token for " + client.clientId() + ": " + response.body());
    }
    try {
      return new ObjectMapper().readTree(response.body()).get("access_token").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
