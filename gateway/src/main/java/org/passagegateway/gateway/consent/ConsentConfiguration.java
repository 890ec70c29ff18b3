package org.passagegateway.gateway.consent;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.passagegateway.gateway.config.RestfulServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Wires the consent feature: the store of consents in force, what a node remembers of them, the
 * decision engine behind {@link Disclosures}, and the one-active-consent rule.
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

  /** On HAPI's own broadcaster: every consent write keeps the indicators' opt-outs current. */
  @Bean
  StatisticsOptOuts statisticsOptOuts(JdbcTemplate jdbc, IInterceptorService interceptors) {
    StatisticsOptOuts optOuts = new StatisticsOptOuts(jdbc);
    interceptors.registerInterceptor(optOuts);
    return optOuts;
  }

  @Bean
  Disclosures disclosures(ConsentStore store, ConsentVersions versions, ConsentProperties properties) {
    return new Disclosures(store, new ConsentCache(store, versions, properties.rememberedClients()));
  }

  @Bean
  RestfulServerCustomizer consentCustomizer(DaoRegistry daos, ConsentStore store) {
    return server -> server.registerInterceptor(new ConsentSupersession(daos, store));
  }
}
