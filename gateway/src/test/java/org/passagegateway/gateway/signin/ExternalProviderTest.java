package org.passagegateway.gateway.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.MutableClock;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/** The external provider's registration, read from its discovery document when first needed. */
class ExternalProviderTest {

  private static MockOAuth2Server provider;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));

  @BeforeAll
  static void start() {
    provider = new MockOAuth2Server();
    provider.start();
  }

  @AfterAll
  static void stop() {
    provider.shutdown();
  }

  @Test
  void whenTheDiscoveryDocumentIsReadThenTheRegistrationUsesPkceTheIssuersEndpointsAndTheGatewaysCallback() {
    String issuer = provider.issuerUrl("idp").toString();
    ExternalProvider external = new ExternalProvider(properties(issuer), "https://gateway.example", clock);

    ClientRegistration registration = external.findByRegistrationId(ExternalProvider.REGISTRATION_ID);

    assertThat(registration.getProviderDetails().getIssuerUri()).isEqualTo(issuer);
    assertThat(registration.getProviderDetails().getAuthorizationUri()).isEqualTo(issuer + "/authorize");
    assertThat(registration.getProviderDetails().getJwkSetUri()).isEqualTo(issuer + "/jwks");
    assertThat(registration.getRedirectUri()).isEqualTo("https://gateway.example/signin/oidc/callback");
    assertThat(registration.getClientSettings().isRequireProofKey()).isTrue();
    assertThat(registration.getScopes()).containsExactly("openid");
    assertThat(external.findByRegistrationId("another")).isNull();
  }

  @Test
  void whenTheProviderCannotBeReachedThenItIsUnavailableAndAskedAgainOnlyAfterAMinute() {
    // A port nothing listens on.
    ExternalProvider external = new ExternalProvider(properties("http://127.0.0.1:9/idp"), "{baseUrl}", clock);

    assertThat(external.current()).isEmpty();
    assertThat(external.findByRegistrationId(ExternalProvider.REGISTRATION_ID)).isNull();
    clock.advance(Duration.ofSeconds(59));
    assertThat(external.current()).isEmpty();
    clock.advance(Duration.ofSeconds(2));
    assertThat(external.current()).isEmpty();
  }

  @Test
  void whenTheDiscoveryDocumentNamesAnotherIssuerThenTheProviderIsNotUsed() {
    // The provider's issuer is .../idp; configured with a trailing slash, it is another issuer.
    ExternalProvider external = new ExternalProvider(properties(provider.issuerUrl("idp") + "/"), "{baseUrl}", clock);

    assertThat(external.current()).isEmpty();
  }

  @Test
  void whenNoIssuerIsConfiguredThenThereIsNoRegistration() {
    ExternalProvider external = new ExternalProvider(
        new ExternalProviderProperties(Optional.empty(), "", "", "x", Duration.ofMinutes(5), List.of()), "{baseUrl}", clock);

    assertThat(external.current()).isEmpty();
  }

  @Test
  void whenTheIssuerIsPlainHttpAwayFromLoopbackThenTheConfigurationIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> properties("http://idp.example/realm"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
  }

  private static ExternalProviderProperties properties(String issuer) {
    return new ExternalProviderProperties(Optional.of(URI.create(issuer)), "gateway", "secret", "IdP", Duration.ofMinutes(5),
        List.of("mfa"));
  }
}
