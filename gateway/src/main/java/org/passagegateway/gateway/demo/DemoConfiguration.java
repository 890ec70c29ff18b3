package org.passagegateway.gateway.demo;

import org.passagegateway.gateway.security.ClientRegistry;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.passagegateway.gateway.labeling.LabelingRules;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Loads the demo network at start-up when {@code passage.demo.enabled=true} and the build carries it
 * (without it, {@link DemoOnly} refuses to start).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "passage.demo.enabled", havingValue = "true")
@ConditionalOnClass(name = DemoOnly.DEMO_NETWORK)
class DemoConfiguration {

  @Bean
  DemoNetworkLoader demoNetworkLoader(IFhirSystemDao<Bundle, Meta> systemDao, DaoRegistry daos, LabelingRules rules) {
    return new DemoNetworkLoader(systemDao, daos, rules);
  }

  @Bean
  DemoClientsLoader demoClientsLoader(ClientRegistry registry) {
    return new DemoClientsLoader(registry);
  }

  @Bean
  @Order(10)
  ApplicationRunner demoNetworkLoading(DemoNetworkLoader loader, DemoClientsLoader clients) {
    return args -> {
      loader.load();
      clients.load();
    };
  }
}
