package org.passagegateway.gateway.consent;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.passagegateway.gateway.config.RestfulServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the consent feature: the store of consents in force and the one-active-consent rule. */
@Configuration(proxyBeanMethods = false)
class ConsentConfiguration {

  @Bean
  ConsentStore consentStore(DaoRegistry daos) {
    return new ConsentStore(daos);
  }

  @Bean
  ConsentDecisionEngine consentDecisionEngine() {
    return new ConsentDecisionEngine();
  }

  @Bean
  RestfulServerCustomizer consentCustomizer(DaoRegistry daos, ConsentStore store) {
    return server -> server.registerInterceptor(new ConsentSupersession(daos, store));
  }
}
