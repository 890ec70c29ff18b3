package org.passagegateway.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.passagegateway.gateway.config.OutboundAddresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's public key, by {@code kid}: from its registration, or from the JWK Set at its JWKS
 * URL. A fetched set is kept five minutes; a {@code kid} it lacks (the site has just rotated) has
 * it fetched again at once, and after that at most once a minute. A URL is fetched only over https (plain http only where
 * the deployment allows internal addresses), only if every address of its host is public
 * ({@link OutboundAddresses}, checked again before each fetch), without following redirects,
 * within 5 seconds and 64 KiB; only public keys with a {@code kid} are kept.
 */
public final class ClientKeys {

  private static final Logger log = LoggerFactory.getLogger(ClientKeys.class);
  private static final int MAX_BYTES = 64 * 1024;
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REFETCH_AFTER = Duration.ofMinutes(1);

  private final OutboundAddresses outbound;
  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final Cache<URI, Fetched> sets = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(5))
      .maximumSize(10_000).build();

  /** A fetched set; {@code refetched}: fetched again for an unknown kid, after which that waits a minute. */
  private record Fetched(JWKSet keys, Instant at, boolean refetched) {}

  public ClientKeys(OutboundAddresses outbound, Clock clock) {
    this.outbound = outbound;
    this.clock = clock;
  }

  /** The client's key with this id, if it has one. */
  public Optional<JWK> key(RegisteredClient client, String kid) {
    if (client.jwksUri().isEmpty()) {
      return Optional.ofNullable(client.publicKeys().getKeyByKeyId(kid));
    }
    URI uri = client.jwksUri().get();
    Fetched fetched = sets.getIfPresent(uri);
    boolean unknown = fetched == null || fetched.keys().getKeyByKeyId(kid) == null;
    // A kid the set lacks is fetched for at once the first time (the site has just rotated), then
    // at most once a minute, so that made-up kids cannot make the gateway fetch on every request.
    if (unknown && (fetched == null || !fetched.refetched() || fetched.at().plus(REFETCH_AFTER).isBefore(clock.instant()))) {
      boolean again = fetched != null;
      Optional<JWKSet> fresh = fetch(client.clientId(), uri);
      if (fresh.isPresent()) {
        fetched = new Fetched(fresh.get(), clock.instant(), again);
        sets.put(uri, fetched);
      }
    }
    return fetched == null ? Optional.empty() : Optional.ofNullable(fetched.keys().getKeyByKeyId(kid));
  }

  /** Whether a JWKS URL may be registered and fetched: https (or http where internal addresses are allowed), public host. */
  public boolean acceptable(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    boolean transport = scheme.equals("https") || (scheme.equals("http") && outbound.allowsPrivateAddresses());
    return transport && uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawFragment() == null
        && outbound.reachable(uri.toString());
  }

  private Optional<JWKSet> fetch(String clientId, URI uri) {
    if (!acceptable(uri)) {
      log.warn("The JWKS URL of client {} is not fetched: not https or not a public address", clientId);
      return Optional.empty();
    }
    try {
      HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
          .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          log.warn("The JWKS URL of client {} answered HTTP {}", clientId, response.statusCode());
          return Optional.empty();
        }
        byte[] bytes = body.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
          log.warn("The JWK Set at the JWKS URL of client {} is over 64 KiB", clientId);
          return Optional.empty();
        }
        JWKSet set = JWKSet.parse(new String(bytes, StandardCharsets.UTF_8)).toPublicJWKSet();
        return Optional.of(new JWKSet(set.getKeys().stream().filter(key -> key.getKeyID() != null).toList()));
      }
    } catch (IOException | ParseException | IllegalArgumentException unusable) {
      log.warn("The JWK Set of client {} could not be fetched or read ({})", clientId, unusable.getClass().getSimpleName());
      return Optional.empty();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
