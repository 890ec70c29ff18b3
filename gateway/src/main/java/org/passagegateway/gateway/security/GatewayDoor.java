package org.passagegateway.gateway.security;

import org.passagegateway.gateway.benchmark.BenchmarkProperties;
import org.passagegateway.gateway.benchmark.BenchmarkProperties.Check;
import jakarta.servlet.DispatcherType;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.passagegateway.gateway.error.DatabaseFailures;
import org.passagegateway.gateway.error.ErrorResponseWriter;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.gateway.error.PassageException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The one door of every endpoint: one Spring Security filter chain, an OAuth2 resource server for
 * the gateway's own bearer tokens (verified by {@link AccessTokenVerifier}), that lets through
 * only what is declared here and denies everything else. Open without a token: the health probes,
 * the SMART configuration, the JWKS, the token endpoint and the FHIR CapabilityStatement. The FHIR
 * API needs a token of any role (its interceptors then decide per interaction), packages too, the
 * audit export an auditor's, the client registry an admin's. A request without a valid token gets
 * 401 {@code PASSAGE-3001} with a bearer challenge; one whose role the rule does not name, or that
 * goes anywhere undeclared, 403 {@code PASSAGE-3002}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class GatewayDoor {

  static final String CONSOLE_CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
      + " img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  @Bean
  SecurityFilterChain gatewayDoorChain(HttpSecurity http, AccessTokenVerifier tokens, GatewayUrls urls,
      ErrorResponseWriter errors, BenchmarkProperties benchmark) throws Exception {
    AuthenticationEntryPoint unauthenticated = (request, response, refusal) -> {
      if (refusal instanceof DatabaseUnavailable) {
        refuse(response, errors, PassageError.DATABASE_UNAVAILABLE.exception(), null);
      } else {
        refuse(response, errors, PassageError.AUTHENTICATION_REQUIRED.exception(), challenge(request));
      }
    };
    AccessDeniedHandler forbidden = (request, response, refusal) ->
        refuse(response, errors, PassageError.FORBIDDEN.exception(), null);
    http
        .csrf(AbstractHttpConfigurer::disable)
        .cors(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(rules -> {
          rules.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
              .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
              .requestMatchers(HttpMethod.GET, "/.well-known/smart-configuration", "/fhir/.well-known/smart-configuration")
              .permitAll()
              .requestMatchers(HttpMethod.GET, JwksEndpoint.PATH).permitAll()
              .requestMatchers(HttpMethod.POST, TokenEndpoint.PATH).permitAll()
              .requestMatchers(HttpMethod.GET, "/fhir/metadata").permitAll()
              .requestMatchers(HttpMethod.OPTIONS, "/fhir", "/fhir/").permitAll()
              // The console's static files: it signs its user in before it calls anything.
              .requestMatchers(HttpMethod.GET, "/console", "/console/", "/console/**").permitAll();
          if (benchmark.on(Check.ACCESS_CONTROL)) {
            rules.requestMatchers("/fhir", "/fhir/**").authenticated();
          } else {
            rules.requestMatchers("/fhir", "/fhir/**").permitAll();
          }
          rules.requestMatchers(HttpMethod.GET, "/packages/**").authenticated()
              .requestMatchers(HttpMethod.GET, "/audit/export").hasAuthority(CallerAuthentication.authority(Role.AUDITOR))
              .requestMatchers("/admin/**").hasAuthority(CallerAuthentication.authority(Role.ADMIN))
              .anyRequest().denyAll();
        })
        .oauth2ResourceServer(server -> server
            .authenticationManagerResolver(verifiedBy(tokens, urls))
            .authenticationEntryPoint(unauthenticated)
            .accessDeniedHandler(forbidden))
        .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
        // The console runs only its own scripts and styles, talks only to the gateway, and is never framed.
        .headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
            PathPatternRequestMatcher.withDefaults().matcher("/console/**"),
            new StaticHeadersWriter("Content-Security-Policy", CONSOLE_CONTENT_SECURITY_POLICY)))
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
    return http.build();
  }

  /** Verifies a bearer token for the issuer and audience of the request it came with. */
  private static AuthenticationManagerResolver<HttpServletRequest> verifiedBy(AccessTokenVerifier tokens, GatewayUrls urls) {
    return request -> (AuthenticationManager) authentication -> {
      String token = ((BearerTokenAuthenticationToken) authentication).getToken();
      try {
        return new CallerAuthentication(tokens.verify(token, urls.issuer(request), urls.fhirBase(request)));
      } catch (PassageException refused) {
        throw new InvalidBearerTokenException("invalid token");
      } catch (RuntimeException failed) {
        if (DatabaseFailures.unavailable(failed)) {
          throw new DatabaseUnavailable(failed);
        }
        throw failed;
      }
    };
  }

  /** The token could not be checked against the client registry: the database is unavailable (a 503, not a 401). */
  private static final class DatabaseUnavailable extends AuthenticationException {
    DatabaseUnavailable(Throwable cause) {
      super("database unavailable", cause);
    }
  }

  /**
   * A request Spring Security's firewall rejects before any chain (a method it does not know, an
   * encoded slash or a malformed path) gets a Passage 400, not an empty one.
   */
  @Bean
  RequestRejectedHandler rejectedRequests(ErrorResponseWriter errors) {
    return (request, response, rejection) -> refuse(response, errors,
        PassageError.INVALID_REQUEST.exception("The request's method or path is not one the gateway accepts"), null);
  }

  /** RFC 6750 §3: a bare challenge without a token, {@code invalid_token} for a token that did not verify. */
  private static String challenge(HttpServletRequest request) {
    return request.getHeader("Authorization") == null ? "Bearer realm=\"passage\""
        : "Bearer realm=\"passage\", error=\"invalid_token\"";
  }

  private static void refuse(HttpServletResponse response, ErrorResponseWriter errors, PassageException error,
      String challenge) throws IOException {
    if (challenge != null) {
      response.setHeader("WWW-Authenticate", challenge);
    }
    errors.write(response, error);
  }
}
