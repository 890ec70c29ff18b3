package org.passagegateway.gateway.consent;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentInterceptor;
import java.time.Clock;
import org.passagegateway.gateway.config.RestfulServerCustomizer;
import org.passagegateway.gateway.demo.DemoProperties;
import org.passagegateway.gateway.security.DisclosureRule;
import org.passagegateway.gateway.security.OperationGrant;
import org.passagegateway.gateway.security.SecurityProperties;
import org.passagegateway.gateway.security.SiteTypes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Wires the consent feature: the store of consents in force, the decisions, their enforcement on
 * every read path (HAPI's consent interceptor), the one-active-consent rule and {@code $revoke}.
 */
@Configuration(proxyBeanMethods = false)
class ConsentConfiguration {

  @Bean
  ConsentStore consentStore(DaoRegistry daos) {
    return new ConsentStore(daos);
  }

  /** On HAPI's own broadcaster: every write of a consent, whoever makes it, moves her version. */
  @Bean
  ConsentVersions consentVersions(JdbcTemplate jdbc, IInterceptorService interceptors) {
    ConsentVersions versions = new ConsentVersions(jdbc);
    interceptors.registerInterceptor(versions);
    return versions;
  }

  @Bean
  Disclosures disclosures(ConsentStore store) {
    return new Disclosures(store);
  }

  /** Also the {@link DisclosureRule} the site boundary asks before an update or instance history. */
  @Bean
  ConsentEnforcement consentEnforcement(Disclosures disclosures, ConsentStore store, ConsentVersions versions,
      SiteTypes siteTypes, DisclosureLog log, ConsentProperties properties, DemoProperties demo) {
    if (!properties.enforced() && !demo.enabled()) {
      throw new IllegalStateException("passage.consent.enforced=false is only for measuring its cost "
          + "on the demo network (passage.demo.enabled=true)");
    }
    return new ConsentEnforcement(disclosures, new ConsentCache(store, versions, properties.rememberedClients()), siteTypes,
        log, Clock.systemUTC(), properties.enforced());
  }

  @Bean
  OperationGrant revokeGrant() {
    return new OperationGrant("$revoke", "Consent", 'u');
  }

  @Bean
  RestfulServerCustomizer consentCustomizer(DaoRegistry daos, ConsentStore store, ConsentEnforcement enforcement,
      SecurityProperties security) {
    return server -> {
      if (!security.fhirAccessControl()) {
        server.registerInterceptor(new NoConsentChecks());
      }
      server.registerInterceptor(enforcement);
      server.registerInterceptor(new ConsentInterceptor(enforcement));
      server.registerInterceptor(new ConsentSupersession(daos, store));
      server.registerProvider(new RevokeOperation(daos, store));
    };
  }
}
