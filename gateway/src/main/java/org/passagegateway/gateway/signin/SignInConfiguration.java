package org.passagegateway.gateway.signin;

import java.time.Clock;
import org.passagegateway.gateway.security.AccessTokenIssuer;
import org.passagegateway.gateway.security.GatewayUrls;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
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
 * code.
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
  @Order(Ordered.HIGHEST_PRECEDENCE)
  SecurityFilterChain signInChain(HttpSecurity http, SignInAttempts attempts, AccessTokenIssuer tokens,
      PersonAccounts accounts, GatewayUrls urls, SignInProperties properties) throws Exception {
    OAuth2AuthorizationServerConfigurer authorizationServer = OAuth2AuthorizationServerConfigurer.authorizationServer();
    PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
    RequestMatcher codeExchange = request -> paths.matcher(HttpMethod.POST, GatewayUrls.TOKEN_PATH).matches(request)
        && AuthorizationGrantType.AUTHORIZATION_CODE.getValue().equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE));
    RequestMatcher signInPaths = new OrRequestMatcher(paths.matcher("/signin"), paths.matcher("/signout"),
        paths.matcher(GatewayUrls.AUTHORIZATION_PATH), codeExchange);
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
        .authenticationProvider(new PersonAuthenticationProvider(attempts))
        .authorizeHttpRequests(rules -> rules
            .requestMatchers(HttpMethod.GET, "/signin").permitAll()
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
    return http.build();
  }
}
