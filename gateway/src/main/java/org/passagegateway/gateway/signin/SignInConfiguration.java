package org.passagegateway.gateway.signin;

import java.time.Clock;
import org.passagegateway.gateway.security.AccessTokenIssuer;
import org.passagegateway.gateway.security.GatewayUrls;
import org.springframework.boot.web.servlet.server.CookieSameSiteSupplier;
import org.springframework.boot.web.server.Cookie.SameSite;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * People signing in: Spring Authorization Server's authorization-code flow with PKCE for the
 * console (SMART App Launch, standalone), behind a sign-in form of name, password and one-time
 * code, or through an external OpenID Connect provider where one is configured.
 *
 * <p>This is the gateway's one filter chain that keeps a session, and it matches only what needs
 * one: the sign-in and sign-out pages, the authorization endpoint, and the token endpoint when a
 * code is exchanged there. Everything else, the FHIR API included, stays behind the stateless
 * door, where only a bearer token counts: a browser's session cookie never authenticates a FHIR
 * request. Client credentials (SMART Backend Services) still go to the gateway's own token
 * endpoint, unchanged.
 */
@Configuration(proxyBeanMethods = false)
class SignInConfiguration {

  @Bean
  PersonAccounts personAccounts(JdbcTemplate jdbc) {
    return new PersonAccounts(jdbc);
  }

  /** Argon2id with Spring Security's current parameters (16 MiB, 2 iterations), kept in each hash. */
  @Bean
  PasswordEncoder personPasswordEncoder() {
    return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
  }

  @Bean
  OneTimeCodes oneTimeCodes() {
    return new OneTimeCodes();
  }

  @Bean
  ConsoleCatalogue consoleCatalogue() {
    return new ConsoleCatalogue();
  }

  @Bean
  SignInAttempts signInAttempts(PersonAccounts accounts, PasswordEncoder personPasswordEncoder, OneTimeCodes codes,
      SignInAudit audit, SignInProperties properties) {
    return new SignInAttempts(accounts, personPasswordEncoder, codes, audit, properties, Clock.systemUTC());
  }

  @Bean
  ExternalProvider externalProvider(ExternalProviderProperties properties, GatewayUrls urls) {
    return new ExternalProvider(properties, urls.baseTemplate(), Clock.systemUTC());
  }

  /**
   * The sign-in session's cookie is never sent on a cross-site request (SameSite=Strict), except
   * where people sign in through an external provider: its redirect back to the gateway is a
   * cross-site navigation, which must carry the cookie (Lax: still never on a cross-site POST,
   * frame or script request).
   */
  @Bean
  CookieSameSiteSupplier signInCookieSameSite(ExternalProviderProperties provider,
      org.springframework.boot.autoconfigure.web.ServerProperties server) {
    return CookieSameSiteSupplier.of(provider.enabled() ? SameSite.LAX : SameSite.STRICT)
        .whenHasName(server.getServlet().getSession().getCookie().getName());
  }

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  SecurityFilterChain signInChain(HttpSecurity http, SignInAttempts attempts, AccessTokenIssuer tokens,
      PersonAccounts accounts, GatewayUrls urls, SignInProperties properties, ExternalProviderProperties providerProperties,
      ExternalProvider provider, SignInAudit audit) throws Exception {
    OAuth2AuthorizationServerConfigurer authorizationServer = OAuth2AuthorizationServerConfigurer.authorizationServer();
    PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
    RequestMatcher codeExchange = request -> paths.matcher(HttpMethod.POST, GatewayUrls.TOKEN_PATH).matches(request)
        && AuthorizationGrantType.AUTHORIZATION_CODE.getValue().equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE));
    RequestMatcher signInPaths = new OrRequestMatcher(paths.matcher("/signin"), paths.matcher("/signout"),
        paths.matcher(ExternalProvider.PATHS + "/**"), paths.matcher(GatewayUrls.AUTHORIZATION_PATH), codeExchange);
    RequestMatcher pages = request -> HttpMethod.GET.matches(request.getMethod());
    http
        .securityMatcher(signInPaths)
        .with(authorizationServer, server -> server
            .registeredClientRepository(new ConsoleClient(properties.consoleClientId(), urls))
            // Codes live a minute and are used once; a node keeps its own (HAProxy keeps a person
            // signing in on one node: docker/haproxy.cfg, scripts/cluster).
            .authorizationService(new ExpiringAuthorizations())
            .tokenGenerator(new PersonTokens(tokens, accounts, urls))
            .authorizationServerSettings(AuthorizationServerSettings.builder()
                .authorizationEndpoint(GatewayUrls.AUTHORIZATION_PATH).tokenEndpoint(GatewayUrls.TOKEN_PATH).build()))
        .authenticationProvider(new PersonAuthenticationProvider(attempts, properties.passwordSignIn()))
        .authorizeHttpRequests(rules -> rules
            .requestMatchers(HttpMethod.GET, "/signin", ExternalProvider.START_PATH + "/**").permitAll()
            .requestMatchers(HttpMethod.POST, "/signin").permitAll()
            .anyRequest().authenticated())
        .formLogin(form -> form.loginPage("/signin").loginProcessingUrl("/signin").failureUrl("/signin?failed")
            .defaultSuccessUrl(ConsoleClient.REDIRECT_PATH, false)
            .authenticationDetailsSource(SignInDetails::new))
        .logout(logout -> logout.logoutRequestMatcher(paths.matcher(HttpMethod.POST, "/signout"))
            .logoutSuccessUrl("/signin?signedout"))
        .requestCache(cache -> cache.requestCache(new org.springframework.security.web.savedrequest.HttpSessionRequestCache()))
        .exceptionHandling(handling -> handling
            .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/signin"), pages))
        .headers(headers -> headers
            .contentSecurityPolicy(csp -> csp.policyDirectives(SignInPage.CONTENT_SECURITY_POLICY))
            .referrerPolicy(referrer -> referrer.policy(
                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
    if (providerProperties.enabled()) {
      externalSignIn(http, provider, new ExternalPeople(accounts, audit, providerProperties, Clock.systemUTC()), attempts);
    }
    return http.build();
  }

  /**
   * Signing in through the external OpenID Connect provider: the authorization-code flow with PKCE
   * from {@code /signin/oidc/start/provider} to the provider and back to {@code /signin/oidc/callback},
   * its ID token verified by Spring Security, then decided by {@link ExternalPeople}. What the
   * provider answers is kept in the sign-in session only, and ends with it.
   */
  private static void externalSignIn(HttpSecurity http, ExternalProvider provider, ExternalPeople people,
      SignInAttempts attempts) throws Exception {
    DefaultOAuth2AuthorizationRequestResolver resolver =
        new DefaultOAuth2AuthorizationRequestResolver(provider, ExternalProvider.START_PATH);
    // She authenticates at the provider for every sign-in here, not through a session it kept
    // open (a shared browser after she signed out of the console).
    resolver.setAuthorizationRequestCustomizer(request -> request.additionalParameters(parameters ->
        parameters.put("prompt", "login")));
    RequestMatcher start = PathPatternRequestMatcher.withDefaults().matcher(ExternalProvider.START_PATH + "/**");
    http.oauth2Login(login -> login
        .loginPage("/signin")
        .clientRegistrationRepository(provider)
        // The provider's own tokens are of no use here: kept nowhere.
        .authorizedClientRepository(new NoAuthorizedClients())
        .authorizationEndpoint(endpoint -> endpoint.baseUri(ExternalProvider.START_PATH)
            .authorizationRequestResolver(new AvailableProviderResolver(resolver, provider, start)))
        .redirectionEndpoint(endpoint -> endpoint.baseUri(ExternalProvider.CALLBACK_PATH))
        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(people))
        .failureHandler((request, response, failure) -> {
          // A refusal ExternalPeople decided is audited there; any other failure (a code that does
          // not exchange, an ID token that does not verify, the provider's own error) is audited
          // here, before anyone is known, under the sign-in address limit.
          boolean decided = failure instanceof OAuth2AuthenticationException refused
              && ExternalPeople.REFUSED.equals(refused.getError().getErrorCode());
          if (!decided) {
            attempts.refusedUnchecked(request.getRemoteAddr());
          }
          response.sendRedirect("/signin?refused");
        })
        .defaultSuccessUrl(ConsoleClient.REDIRECT_PATH, false));
  }

  /** Keeps no client of the provider authorized: the gateway never calls it with her token. */
  private static final class NoAuthorizedClients implements OAuth2AuthorizedClientRepository {
    @Override
    public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String registrationId, Authentication principal,
        jakarta.servlet.http.HttpServletRequest request) {
      return null;
    }

    @Override
    public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal,
        jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
      // Nothing kept.
    }

    @Override
    public void removeAuthorizedClient(String registrationId, Authentication principal,
        jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
      // Nothing kept.
    }
  }

  /**
   * Begins a sign-in through the provider only while its discovery document can be read; else
   * the request goes on to {@link SignInPage}, which sends her back to say so (rather than the
   * filter's bare error).
   */
  private record AvailableProviderResolver(OAuth2AuthorizationRequestResolver delegate, ExternalProvider provider,
      RequestMatcher start) implements OAuth2AuthorizationRequestResolver {

    // Asked by the filter on every request of this chain: the provider is looked at only for the
    // path that begins a sign-in through it, so that it never slows a password sign-in or a code
    // exchange.
    @Override
    public OAuth2AuthorizationRequest resolve(jakarta.servlet.http.HttpServletRequest request) {
      return start.matches(request) ? available(() -> delegate.resolve(request)) : null;
    }

    @Override
    public OAuth2AuthorizationRequest resolve(jakarta.servlet.http.HttpServletRequest request, String registrationId) {
      return start.matches(request) ? available(() -> delegate.resolve(request, registrationId)) : null;
    }

    /** Null (on to the page, or a 404) for an unknown registration id, or while the provider cannot be read. */
    private OAuth2AuthorizationRequest available(java.util.function.Supplier<OAuth2AuthorizationRequest> resolved) {
      if (provider.current().isEmpty()) {
        return null;
      }
      try {
        return resolved.get();
      } catch (IllegalArgumentException unknownRegistration) {
        return null;
      }
    }
  }
}
