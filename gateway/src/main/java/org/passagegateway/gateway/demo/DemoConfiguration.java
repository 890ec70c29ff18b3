package org.passagegateway.gateway.demo;

import org.passagegateway.gateway.signin.PersonAccounts;
import org.springframework.security.crypto.password.PasswordEncoder;

import org.passagegateway.gateway.security.ClientRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.passagegateway.gateway.identity.FallbackPseudonymKeys;
import org.passagegateway.gateway.identity.PseudonymIssuer;
import org.passagegateway.gateway.identity.PseudonymKeys;
import org.passagegateway.testdata.DemoNetwork;
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
  DemoNetworkLoader demoNetworkLoader(IFhirSystemDao<Bundle, Meta> systemDao, DaoRegistry daos, LabelingRules rules,
      PseudonymIssuer pseudonyms) {
    return new DemoNetworkLoader(systemDao, daos, rules, pseudonyms);
  }

  /** The demo's pseudonym key, so that its clients keep their pseudonyms across restarts (unless keys are configured). */
  @Bean
  FallbackPseudonymKeys demoPseudonymKeys() {
    return () -> {
      try (InputStream in = DemoConfiguration.class.getClassLoader().getResourceAsStream(DemoNetwork.PSEUDONYM_KEY_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(DemoNetwork.PSEUDONYM_KEY_RESOURCE + " is not on the class path");
        }
        return PseudonymKeys.of(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
      } catch (IOException unreadable) {
        throw new UncheckedIOException(unreadable);
      }
    };
  }

  @Bean
  DemoClientsLoader demoClientsLoader(ClientRegistry registry) {
    return new DemoClientsLoader(registry);
  }

  @Bean
  DemoPeopleLoader demoPeopleLoader(PersonAccounts accounts, PasswordEncoder personPasswordEncoder) {
    return new DemoPeopleLoader(accounts, personPasswordEncoder);
  }

  @Bean
  @Order(10)
  ApplicationRunner demoNetworkLoading(DemoNetworkLoader loader, DemoClientsLoader clients, DemoPeopleLoader people) {
    return args -> {
      loader.load();
      clients.load();
      people.load();
    };
  }
}
