package org.passagegateway.gateway.security;

import org.passagegateway.gateway.benchmark.BenchmarkProperties;
import org.passagegateway.gateway.benchmark.BenchmarkProperties.Check;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.springframework.beans.factory.ObjectProvider;
import org.slf4j.LoggerFactory;
import java.util.Set;
import org.passagegateway.gateway.config.FhirProperties;
import org.passagegateway.gateway.config.RestfulServerCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Wires identity and access: the client registry, the token endpoint, SMART configuration. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

  @Bean
  GatewaySigningKeys gatewaySigningKeys(SecurityProperties properties) {
    return GatewaySigningKeys.load(properties.signingKeys());
  }

  @Bean
  ClientRegistry clientRegistry(JdbcTemplate jdbc) {
    return new ClientRegistry(jdbc, Clock.systemUTC());
  }

  @Bean
  BootstrapAdmin bootstrapAdmin(ClientRegistry registry, SecurityProperties properties) {
    return new BootstrapAdmin(registry, properties.bootstrapAdmin());
  }

  @Bean
  AssertionReplayStore assertionReplayStore(JdbcTemplate jdbc) {
    return new AssertionReplayStore(jdbc, Clock.systemUTC());
  }

  @Bean
  ClientKeys clientKeys(SecurityProperties properties) {
    return new ClientKeys(new org.passagegateway.gateway.config.OutboundAddresses(properties.allowPrivateJwksUris()),
        Clock.systemUTC());
  }

  @Bean
  ClientAssertionVerifier clientAssertionVerifier(
      ClientRegistry registry, ClientKeys keys, AssertionReplayStore replays, SecurityProperties properties) {
    return new ClientAssertionVerifier(registry, keys, replays, properties.maxAssertionLifetime(), Clock.systemUTC());
  }

  @Bean
  AccessTokenIssuer accessTokenIssuer(GatewaySigningKeys keys, SecurityProperties properties) {
    return new AccessTokenIssuer(keys, properties.tokenLifetime(), Clock.systemUTC());
  }

  @Bean
  AccessTokenVerifier accessTokenVerifier(GatewaySigningKeys keys, ClientRegistry registry, PersonDirectory people,
      SecurityProperties properties) {
    return new AccessTokenVerifier(keys, registry, people, Clock.systemUTC(), properties.clockSkew());
  }

  @Bean
  GatewayUrls gatewayUrls(SecurityProperties properties) {
    return new GatewayUrls(properties.publicBaseUrl());
  }

  /** The site type of a member Organization, as the directory says now. */
  @Bean
  SiteTypes siteTypes(DaoRegistry daos) {
    return new SiteTypes(daos);
  }

  @Bean
  RestfulServerCustomizer accessCustomizer(GatewayUrls urls, FhirProperties fhir,
      BenchmarkProperties benchmark, ObjectProvider<OperationGrant> operations) {
    if (!benchmark.on(Check.ACCESS_CONTROL)) {
      log.warn("FHIR access control is OFF: every FHIR request is served without a token (benchmark of the demo network)");
      return server -> {};
    }
    return server -> {
      server.registerInterceptor(new FhirAuthentication());
      server.registerInterceptor(new FhirAuthorization(server.getFhirContext(), Set.copyOf(fhir.resourceTypes()),
          operations.orderedStream().toList()));
      server.registerInterceptor(new InteractionScopes());
      server.registerInterceptor(new SmartCapabilities(urls));
      server.registerInterceptor(new AdvertisedAccess(operations.orderedStream().toList()));
    };
  }

  @Bean
  FilterRegistrationBean<SmartConfiguration> smartConfiguration(GatewayUrls urls) {
    FilterRegistrationBean<SmartConfiguration> registration = new FilterRegistrationBean<>(new SmartConfiguration(urls));
    registration.addUrlPatterns("/fhir/.well-known/*", "/.well-known/*");
    // Behind the door, which lets it through without a token.
    registration.setOrder(org.springframework.boot.autoconfigure.security.SecurityProperties.DEFAULT_FILTER_ORDER + 10);
    return registration;
  }
}
