package org.passagegateway.gateway.signin;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.passagegateway.gateway.security.GatewayUrls;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The one client people sign in through: the console, a public client (a single-page application
 * holds no secret) that must prove possession of its code with PKCE (S256), redirected only to
 * the console's own address at the gateway's public base URL. The authorization server asks for
 * no consent screen: the console is the gateway's own.
 */
final class ConsoleClient implements RegisteredClientRepository {

  static final String REDIRECT_PATH = "/console/";
  /** What a person's token may be granted; her role's permissions narrow it on every request. */
  static final String[] SCOPES = {"user/*.rs", "user/*.cruds", "user/AuditEvent.rs", "user/MeasureReport.rs",
      "user/Measure.rs", "user/Organization.rs", "user/Patient.rs", "user/Consent.rs"};

  private final String clientId;
  private final GatewayUrls urls;

  ConsoleClient(String clientId, GatewayUrls urls) {
    this.clientId = clientId;
    this.urls = urls;
  }

  @Override
  public void save(RegisteredClient registeredClient) {
    throw new UnsupportedOperationException("the console is the only client people sign in through");
  }

  @Override
  public RegisteredClient findById(String id) {
    return clientId.equals(id) ? client() : null;
  }

  @Override
  public RegisteredClient findByClientId(String id) {
    return clientId.equals(id) ? client() : null;
  }

  private RegisteredClient client() {
    HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
    return RegisteredClient.withId(clientId)
        .clientId(clientId)
        .clientName("Passage console")
        .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .redirectUri(urls.base(request) + REDIRECT_PATH)
        .scopes(scopes -> scopes.addAll(java.util.List.of(SCOPES)))
        .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
        .tokenSettings(TokenSettings.builder().authorizationCodeTimeToLive(Duration.ofMinutes(1)).build())
        .build();
  }
}
