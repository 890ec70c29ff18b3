package org.passagegateway.gateway.custody;

import org.passagegateway.gateway.benchmark.BenchmarkProperties;
import org.passagegateway.gateway.benchmark.BenchmarkProperties.Check;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentInterceptor;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import org.passagegateway.gateway.config.RestfulServerCustomizer;
import org.passagegateway.gateway.consent.ConsentProperties;
import org.passagegateway.gateway.consent.ConsentStore;
import org.passagegateway.gateway.consent.ConsentVersions;
import org.passagegateway.gateway.consent.Disclosures;
import org.passagegateway.gateway.security.OperationGrant;
import org.passagegateway.gateway.security.SecurityProperties;
import org.passagegateway.gateway.security.SiteTypes;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;
import ca.uhn.fhir.jpa.search.ISynchronousSearchSvc;

/**
 * Wires custody: the gateway's tags on every write, the one visibility decision, the site
 * boundary on writes and searches, every read path through HAPI's consent interceptor, and
 * {@code $revoke}.
 */
@Configuration(proxyBeanMethods = false)
class CustodyConfiguration {

  /** On HAPI's own broadcaster: every write of client data gets its tags, whoever makes it. */
  @Bean
  PartyTags partyTags(DaoRegistry daos, IInterceptorService interceptors, EntityManager entityManager) {
    PartyTags tags = new PartyTags(new ClientParties(daos, entityManager));
    interceptors.registerInterceptor(tags);
    return tags;
  }

  @Bean
  Visibility visibility(Disclosures disclosures, ConsentVersions versions, SiteTypes siteTypes, DaoRegistry daos,
      DecisionLog log, BenchmarkProperties benchmark) {
    return new Visibility(disclosures, versions, siteTypes, new DoNotContact(daos), log, Clock.systemUTC(),
        benchmark.on(Check.CONSENT));
  }

  /** In place of HAPI's synchronous search (a primary bean, which HAPI's search coordinator takes). */
  @Bean
  @Primary
  ISynchronousSearchSvc visiblePages(BenchmarkProperties benchmark) {
    return new VisiblePages(benchmark.on(Check.CONSENT));
  }

  @Bean
  OperationGrant revokeGrant() {
    return new OperationGrant("$revoke", "Consent", 'u');
  }

  @Bean
  RestfulServerCustomizer custodyCustomizer(DaoRegistry daos, ConsentStore consents, Visibility visibility,
      BenchmarkProperties benchmark) {
    return server -> {
      if (!benchmark.on(Check.ACCESS_CONTROL)) {
        server.registerInterceptor(new NoConsentChecks());
      } else {
        server.registerInterceptor(new SiteBoundary(daos, visibility));
      }
      ShownResources shown = new ShownResources(visibility);
      server.registerInterceptor(shown);
      server.registerInterceptor(new ConsentInterceptor(shown));
      server.registerProvider(new RevokeOperation(daos, consents, visibility));
    };
  }

  @Bean
  FilterRegistrationBean<TagSnapshotFilter> tagSnapshots() {
    FilterRegistrationBean<TagSnapshotFilter> registration = new FilterRegistrationBean<>(new TagSnapshotFilter());
    registration.addUrlPatterns("/fhir/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
    return registration;
  }
}
