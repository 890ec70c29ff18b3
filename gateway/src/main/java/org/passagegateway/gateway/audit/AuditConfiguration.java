package org.passagegateway.gateway.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Clock;
import org.passagegateway.gateway.config.RestfulServerCustomizer;
import org.passagegateway.gateway.security.OperationGrant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the audit log: appending, sequencing and signing (on a schedule), verification. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

  /** On HAPI's own broadcaster, so that every write is audited: REST, transaction entries and the gateway's own. */
  @Bean
  AuditLog auditLog(JdbcTemplate jdbc, FhirContext fhirContext, IInterceptorService interceptors) {
    AuditLog log = new AuditLog(jdbc, fhirContext);
    interceptors.registerInterceptor(new AuditedWrites(log, Clock.systemUTC()));
    return log;
  }

  @Bean
  AuditSequencer auditSequencer(JdbcTemplate jdbc, PlatformTransactionManager transactions, AuditProperties properties) {
    return new AuditSequencer(jdbc, new TransactionTemplate(transactions), properties.origin(),
        AuditSigningKey.load(properties.signingKey()), Clock.systemUTC());
  }

  /** On the REST server: reads and searches are what clients ask of it. */
  @Bean
  RestfulServerCustomizer auditedReadsCustomizer(AuditLog log, DaoRegistry daos, JdbcTemplate jdbc, FhirContext fhirContext) {
    return server -> {
      server.registerInterceptor(new AuditedReads(log, Clock.systemUTC()));
      server.registerProvider(new DisclosuresOperation(daos, jdbc, fhirContext));
    };
  }

  @Bean
  OperationGrant disclosuresGrant() {
    return new OperationGrant("$disclosures", "Patient", 'r');
  }

  /** Consent decisions, written with the events of the request they were taken for. */
  @Bean
  AuditedDisclosures auditedDisclosures() {
    return new AuditedDisclosures(Clock.systemUTC());
  }

  @Bean
  AuditSchedule auditSchedule(AuditSequencer sequencer, AuditProperties properties) {
    return new AuditSchedule(sequencer, properties);
  }

  @Bean
  AuditVerifier auditVerifier(JdbcTemplate jdbc) {
    return new AuditVerifier(jdbc);
  }
}
