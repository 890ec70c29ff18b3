package org.passagegateway.gateway.consent;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.passagegateway.gateway.config.RestfulServerCustomizer;
import org.passagegateway.gateway.security.OperationGrant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the consent feature: the store of consents in force, the one-active-consent rule and {@code $revoke}. */
@Configuration(proxyBeanMethods = false)
class ConsentConfiguration {

  @Bean
  ConsentStore consentStore(DaoRegistry daos) {
    return new ConsentStore(daos);
  }

  @Bean
  OperationGrant revokeGrant() {
    return new OperationGrant("$revoke", "Consent", 'u');
  }

  @Bean
  RestfulServerCustomizer consentCustomizer(DaoRegistry daos, ConsentStore store) {
    return server -> {
      server.registerInterceptor(new ConsentSupersession(daos, store));
      server.registerProvider(new RevokeOperation(daos, store));
    };
  }
}
