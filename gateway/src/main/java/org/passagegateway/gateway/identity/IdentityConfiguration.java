package org.passagegateway.gateway.identity;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.passagegateway.gateway.config.RestfulServerCustomizer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.passagegateway.gateway.benchmark.BenchmarkProperties;
import org.passagegateway.gateway.security.OperationGrant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires network identity: the keys, the UIC, issuing pseudonyms and checking that writes carry issued ones. */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

  /** The configured keys; else the demo's; else one for this process (refused at start-up outside the demo). */
  @Bean
  PseudonymKeys pseudonymKeys(IdentityProperties properties, ObjectProvider<FallbackPseudonymKeys> fallback) {
    if (!properties.keys().isEmpty()) {
      Map<Integer, java.nio.file.Path> files = new LinkedHashMap<>();
      properties.keys().forEach(key -> files.put(key.epoch(), key.file()));
      return PseudonymKeys.fromFiles(files);
    }
    FallbackPseudonymKeys demo = fallback.getIfAvailable();
    return demo != null ? demo.keys() : PseudonymKeys.generated();
  }

  @Bean
  PseudonymKeyAgreement pseudonymKeyAgreement(PseudonymKeys keys, JdbcTemplate jdbc) {
    return new PseudonymKeyAgreement(keys, jdbc, java.time.Clock.systemUTC());
  }

  @Bean
  PseudonymRegistry pseudonymRegistry(JdbcTemplate jdbc) {
    return new PseudonymRegistry(jdbc);
  }

  @Bean
  UicNormalizer uicNormalizer(IdentityProperties properties) {
    return new UicNormalizer(properties.uicParts());
  }

  @Bean
  CollisionEstimate collisionEstimate(IdentityProperties properties) {
    return new CollisionEstimate(properties.uicParts(), properties.confirmLinkingFrom());
  }

  @Bean
  PseudonymIssuer pseudonymIssuer(UicNormalizer normalizer, PseudonymKeys keys, PseudonymRegistry registry) {
    return new PseudonymIssuer(normalizer, new PseudonymDeriver(keys), registry);
  }

  /** On HAPI's own broadcaster, so that every write of a client is held to it: REST, transaction entries, the gateway's own. */
  @Bean
  IssuedPseudonyms issuedPseudonyms(PseudonymKeys keys, PseudonymRegistry registry, IInterceptorService interceptors,
      BenchmarkProperties benchmark) {
    IssuedPseudonyms issued = new IssuedPseudonyms(keys, registry);
    if (benchmark.on(BenchmarkProperties.Check.IDENTITY)) {
      interceptors.registerInterceptor(issued);
    }
    return issued;
  }

  @Bean
  NetworkSize networkSize(PseudonymRegistry registry, PseudonymKeys keys) {
    return new NetworkSize(() -> registry.women(keys.currentEpoch()), java.time.Clock.systemUTC());
  }

  @Bean
  HerRecords herRecords(DaoRegistry daos, PseudonymRegistry registry, CollisionEstimate collisions, NetworkSize network) {
    return new HerRecords(daos, registry, collisions, network);
  }

  @Bean
  OperationGrant pseudonymGrant() {
    return new OperationGrant("$pseudonym", "Patient", 'c');
  }

  @Bean
  RestfulServerCustomizer identityCustomizer(FhirContext fhirContext, IdentityProperties properties,
      UicNormalizer normalizer, CollisionEstimate collisions, PseudonymIssuer issuer, PseudonymRegistry registry,
      HerRecords records, NetworkSize network, DerivationAudit audit, PlatformTransactionManager transactions) {
    PseudonymOperation operation = new PseudonymOperation(fhirContext, normalizer, issuer, registry, records, collisions,
        network, new DerivationThrottle(properties.derivationsPerHour()), audit, new TransactionTemplate(transactions));
    RecordLinks links = new RecordLinks(records);
    return server -> {
      server.registerProvider(operation);
      server.registerInterceptor(links);
    };
  }
}
