package org.passagegateway.gateway.consent;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentInterceptor;
import java.time.Clock;
import org.passagegateway.gateway.config.RestfulServerCustomizer;
import org.passagegateway.gateway.demo.DemoProperties;
import org.passagegateway.gateway.security.DisclosureRule;
import org.passagegateway.gateway.security.OperationGrant;
import org.passagegateway.gateway.security.SiteTypes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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

  @Bean
  Disclosures disclosures(ConsentStore store) {
    return new Disclosures(store);
  }

  /** Also the {@link DisclosureRule} the site boundary asks before an update or instance history. */
  @Bean
  ConsentEnforcement consentEnforcement(Disclosures disclosures, SiteTypes siteTypes, DisclosureLog log,
      ConsentProperties properties, DemoProperties demo) {
    if (!properties.enforced() && !demo.enabled()) {
      throw new IllegalStateException("passage.consent.enforced=false is only for measuring its cost "
          + "on the demo network (passage.demo.enabled=true)");
    }
    return new ConsentEnforcement(disclosures, siteTypes, log, Clock.systemUTC(), properties.enforced());
  }

  @Bean
  OperationGrant revokeGrant() {
    return new OperationGrant("$revoke", "Consent", 'u');
  }

  @Bean
  RestfulServerCustomizer consentCustomizer(DaoRegistry daos, ConsentStore store, ConsentEnforcement enforcement) {
    return server -> {
      server.registerInterceptor(enforcement);
      server.registerInterceptor(new ConsentInterceptor(enforcement));
      server.registerInterceptor(new ConsentSupersession(daos, store));
      server.registerProvider(new RevokeOperation(daos, store));
    };
  }
}
