package org.passagegateway.gateway.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The external OpenID Connect provider's registration, read from its discovery document when
 * someone first signs in through it rather than when the gateway starts: a provider that is down
 * never keeps the gateway from starting, and people with passwords can still sign in. After a
 * failed read the provider is asked again at most once a minute; until then it is "unavailable",
 * which the sign-in page says.
 */
final class ExternalProvider implements ClientRegistrationRepository {

  /** The registration's id, the last segment of the path that begins a sign-in through it. */
  static final String REGISTRATION_ID = "provider";
  /** The paths of signing in through the provider. */
  static final String PATHS = "/signin/oidc";
  /** Where a sign-in through the provider begins ({@code /signin/oidc/start/provider}). */
  static final String START_PATH = PATHS + "/start";
  /** Where the provider sends her back with a code. */
  static final String CALLBACK_PATH = PATHS + "/callback";

  private static final Logger log = LoggerFactory.getLogger(ExternalProvider.class);
  private static final Duration RETRY_AFTER = Duration.ofMinutes(1);

  private final ExternalProviderProperties properties;
  private final String redirectUri;
  private final Clock clock;
  private ClientRegistration registration;
  private Instant failedAt;

  ExternalProvider(ExternalProviderProperties properties, String baseTemplate, Clock clock) {
    this.properties = properties;
    this.redirectUri = baseTemplate + CALLBACK_PATH;
    this.clock = clock;
  }

  @Override
  public ClientRegistration findByRegistrationId(String registrationId) {
    return REGISTRATION_ID.equals(registrationId) ? current().orElse(null) : null;
  }

  /** The registration, if the provider is configured and its discovery document could be read. */
  synchronized Optional<ClientRegistration> current() {
    if (registration != null || properties.issuer().isEmpty()) {
      return Optional.ofNullable(registration);
    }
    Instant now = clock.instant();
    if (failedAt != null && now.isBefore(failedAt.plus(RETRY_AFTER))) {
      return Optional.empty();
    }
    try {
      // Checks that the document's issuer is the one configured (OpenID Connect Discovery 4.3).
      registration = ClientRegistrations.fromOidcIssuerLocation(properties.issuer().get().toString())
          .registrationId(REGISTRATION_ID)
          .clientId(properties.clientId())
          .clientSecret(properties.clientSecret())
          .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
          .redirectUri(redirectUri)
          .scope("openid")
          .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
          .build();
      failedAt = null;
    } catch (RuntimeException unavailable) {
      failedAt = now;
      log.warn("The OpenID Connect provider's discovery document could not be read ({}); asking again in {}",
          unavailable.getClass().getSimpleName(), RETRY_AFTER);
    }
    return Optional.ofNullable(registration);
  }
}
