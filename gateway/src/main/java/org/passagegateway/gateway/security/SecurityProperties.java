package org.passagegateway.gateway.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Identity and access ({@code passage.security.*}).
 *
 * @param tokenLifetime how long an access token is valid (at most 5 minutes)
 * @param maxAssertionLifetime how far ahead a client assertion's {@code exp} may be (5 minutes)
 * @param signingKeys PEM files of the gateway's token signing keys (EC P-256 or RSA private
 *     keys): the first signs, all verify, so a key is rotated by putting the new one first and
 *     dropping the old one once its tokens have expired. Empty: a key is generated at start-up,
 *     which suits one node and the demo only (tokens die with the process).
 * @param publicBaseUrl the gateway's public base URL (scheme, host, port) when a proxy is in
 *     front; it makes the token endpoint URL that assertions must name as {@code aud}
 * @param clockSkew how far a token's expiry and not-before may be off the gateway's clock (30 seconds)
 * @param bootstrapAdmin the deployment's first admin client ({@code client-id} and {@code jwks}, a file of
 *     its public JWK Set), registered at start-up unless registered already; none by default
 * @param allowPrivateJwksUris whether a client's JWKS URL may be plain http or resolve to a
 *     loopback, private or otherwise internal address (tests, a demo on one machine); never by default
 */
@ConfigurationProperties("passage.security")
public record SecurityProperties(
    @DefaultValue("5m") Duration tokenLifetime,
    @DefaultValue("5m") Duration maxAssertionLifetime,
    @DefaultValue List<Path> signingKeys,
    String publicBaseUrl,
    @DefaultValue("30s") Duration clockSkew,
    Bootstrap bootstrapAdmin,
    @DefaultValue("false") boolean allowPrivateJwksUris) {

  private static final Duration LIMIT = Duration.ofMinutes(5);

  /** The first admin: its client id and a file of its public JWK Set. */
  public record Bootstrap(String clientId, Path jwks) {}

  public SecurityProperties {
    if (tokenLifetime.compareTo(LIMIT) > 0 || maxAssertionLifetime.compareTo(LIMIT) > 0) {
      throw new IllegalArgumentException("passage.security token and assertion lifetimes are at most 5 minutes");
    }
  }
}
