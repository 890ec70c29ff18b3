package org.passagegateway.gateway.signin;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * An external OpenID Connect provider people may sign in through ({@code passage.signin.oidc.*}),
 * instead of or beside the gateway's own password and one-time code. Off unless an issuer is set.
 *
 * @param issuer the provider's issuer URL (https; plain http only on loopback); its discovery document is read from
 *     {@code <issuer>/.well-known/openid-configuration} when someone first signs in
 * @param clientId the gateway's client id at the provider
 * @param clientSecret its secret (client_secret_basic); the code flow also uses PKCE
 * @param name what the sign-in page calls the provider ("Sign in with …")
 * @param maxAuthenticationAge how long before the ID token she may have authenticated at the
 *     provider ({@code auth_time}): each sign-in asks the provider to authenticate her again
 *     ({@code prompt=login}), and an older authentication is refused
 * @param requiredAmr authentication methods (the ID token's {@code amr}, RFC 8176) of which the
 *     provider must report at least one; {@code mfa} by default, so that a person signing in
 *     through the provider has passed a second factor as she would here. Empty trusts the
 *     provider's own policy.
 */
@ConfigurationProperties("passage.signin.oidc")
public record ExternalProviderProperties(
    Optional<URI> issuer,
    @DefaultValue("") String clientId,
    @DefaultValue("") String clientSecret,
    @DefaultValue("your organisation's account") String name,
    @DefaultValue("5m") java.time.Duration maxAuthenticationAge,
    @DefaultValue("mfa") List<String> requiredAmr) {

  public ExternalProviderProperties {
    issuer = issuer == null ? Optional.empty() : issuer;
    if (issuer.isPresent() && (clientId.isBlank() || clientSecret.isBlank())) {
      throw new IllegalArgumentException("passage.signin.oidc: an issuer needs a client-id and a client-secret");
    }
    issuer.ifPresent(uri -> {
      if (!secure(uri)) {
        throw new IllegalArgumentException("passage.signin.oidc.issuer must be an https URL (http on loopback only)");
      }
    });
    requiredAmr = requiredAmr.stream().filter(value -> !value.isBlank()).toList();
  }

  /** The provider's rule for its URLs: https, or plain http on loopback (a provider in a test). */
  static boolean secure(URI uri) {
    boolean loopback = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
    return "https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback);
  }

  /** Whether a provider is configured. */
  public boolean enabled() {
    return issuer.isPresent();
  }
}
