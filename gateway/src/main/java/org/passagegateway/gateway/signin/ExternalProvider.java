package org.passagegateway.gateway.signin;

import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;

/**
 * The external OpenID Connect provider's registration, read from its discovery document when
 * someone first signs in through it rather than when the gateway starts: a provider that is down
 * never keeps the gateway from starting, and people with passwords can still sign in.
 *
 * <p>The document is read with short timeouts, by one request at a time: a request that finds
 * another reading it is told the provider is unavailable rather than made to wait. After a failed
 * read the provider is asked again at most once a minute. The document must name the configured
 * issuer (OpenID Connect Discovery 4.3), and every endpoint in it must be https, as the issuer is
 * (plain http only on loopback).
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
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_DOCUMENT = 256 * 1024;

  private final ExternalProviderProperties properties;
  private final String redirectUri;
  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final ReentrantLock reading = new ReentrantLock();
  private volatile ClientRegistration registration;
  private volatile Instant failedAt;

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
  Optional<ClientRegistration> current() {
    ClientRegistration known = registration;
    if (known != null || properties.issuer().isEmpty()) {
      return Optional.ofNullable(known);
    }
    Instant failed = failedAt;
    if (failed != null && clock.instant().isBefore(failed.plus(RETRY_AFTER))) {
      return Optional.empty();
    }
    if (!reading.tryLock()) {
      return Optional.empty();
    }
    try {
      if (registration == null) {
        read();
      }
      return Optional.ofNullable(registration);
    } finally {
      reading.unlock();
    }
  }

  private void read() {
    URI issuer = properties.issuer().get();
    try {
      OIDCProviderMetadata metadata = OIDCProviderMetadata.parse(discoveryDocument(issuer));
      if (!issuer.toString().equals(metadata.getIssuer().getValue())) {
        throw new IllegalStateException("the discovery document names another issuer");
      }
      URI authorization = endpoint(metadata.getAuthorizationEndpointURI());
      URI token = endpoint(metadata.getTokenEndpointURI());
      URI keys = endpoint(metadata.getJWKSetURI());
      ClientRegistration.Builder builder = ClientRegistration.withRegistrationId(REGISTRATION_ID)
          .clientId(properties.clientId())
          .clientSecret(properties.clientSecret())
          .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
          .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
          .redirectUri(redirectUri)
          .scope("openid")
          .authorizationUri(authorization.toString())
          .tokenUri(token.toString())
          .jwkSetUri(keys.toString())
          .issuerUri(issuer.toString())
          .userNameAttributeName(IdTokenClaimNames.SUB)
          .providerConfigurationMetadata(metadata.toJSONObject())
          .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build());
      registration = builder.build();
      failedAt = null;
    } catch (Exception unavailable) {
      failedAt = clock.instant();
      log.warn("The OpenID Connect provider's discovery document could not be used ({}); asking again in {}",
          unavailable.getClass().getSimpleName(), RETRY_AFTER);
    }
  }

  private String discoveryDocument(URI issuer) throws IOException, InterruptedException {
    String base = issuer.toString().endsWith("/") ? issuer.toString() : issuer + "/";
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + ".well-known/openid-configuration"))
        .timeout(TIMEOUT).header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200 || answer.body().length() > MAX_DOCUMENT) {
      throw new IOException("the discovery document was not answered");
    }
    return answer.body();
  }

  /** An endpoint of the document, held to the issuer's rule (https; plain http only on loopback). */
  private static URI endpoint(URI endpoint) {
    if (endpoint == null || !ExternalProviderProperties.secure(endpoint)) {
      throw new IllegalStateException("the discovery document names an endpoint that is not https");
    }
    return endpoint;
  }
}
