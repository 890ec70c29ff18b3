package org.passagegateway.gateway.directory;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Clock;
import org.passagegateway.gateway.config.RestfulServerCustomizer;
import org.passagegateway.gateway.referral.ReferralDirectory;
import org.passagegateway.gateway.security.OperationGrant;
import org.passagegateway.gateway.security.SiteTypes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the directory's capacity, holds, eligibility checks and the protection of shelters' whereabouts. */
@Configuration(proxyBeanMethods = false)
class DirectoryConfiguration {

  @Bean
  CapacityStore capacityStore(JdbcTemplate jdbc) {
    return new CapacityStore(jdbc);
  }

  /** On HAPI's own broadcaster: every write, whoever makes it, and every service shown. */
  @Bean
  ServiceSiteType serviceSiteType(DaoRegistry daos, CapacityStore store, DirectoryProperties properties,
      IInterceptorService interceptors) {
    SiteKinds kinds = new SiteKinds(new SiteTypes(daos));
    ServiceSiteType stamp = new ServiceSiteType(kinds);
    interceptors.registerInterceptor(stamp);
    interceptors.registerInterceptor(new CapacityRecords(store));
    interceptors.registerInterceptor(new ShelterLocations(kinds, daos));
    interceptors.registerInterceptor(new HoldLifecycle(store, new ReferralDirectory(daos), Clock.systemUTC()));
    interceptors.registerInterceptor(new ReferralFit(new ReferralDirectory(daos), properties, Clock.systemUTC()));
    interceptors.registerInterceptor(new CapacitySearches(Clock.systemUTC()));
    return stamp;
  }

  @Bean
  ServiceSiteTypeRefresh serviceSiteTypeRefresh(DaoRegistry daos) {
    return new ServiceSiteTypeRefresh(daos, new SiteTypes(daos));
  }

  @Bean
  RestfulServerCustomizer directoryCustomizer(DaoRegistry daos, CapacityStore store, PlatformTransactionManager transactions,
      DirectoryProperties properties) {
    TransactionTemplate template = new TransactionTemplate(transactions);
    return server -> {
      server.registerInterceptor(new CapacityView(store, Clock.systemUTC()));
      server.registerProvider(new CapacityOperation(daos, new ReferralDirectory(daos), template, properties, Clock.systemUTC()));
      server.registerProvider(new HoldOperation(new ReferralDirectory(daos), store, template, properties, Clock.systemUTC()));
    };
  }

  /** A site keeps its own services' capacity (the operation checks the service is the caller's). */
  @Bean
  OperationGrant capacityGrant() {
    return new OperationGrant("$capacity", "HealthcareService", 'r');
  }

  @Bean
  OperationGrant holdGrant() {
    return new OperationGrant("$hold", "HealthcareService", 'r');
  }
}
