package org.passagegateway.gateway.audit;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the audit log: appending, sequencing and signing, verification. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

  @Bean
  AuditLog auditLog(JdbcTemplate jdbc, FhirContext fhirContext) {
    return new AuditLog(jdbc, fhirContext);
  }

  @Bean
  AuditSequencer auditSequencer(JdbcTemplate jdbc, PlatformTransactionManager transactions, AuditProperties properties) {
    return new AuditSequencer(jdbc, new TransactionTemplate(transactions), properties.origin(),
        AuditSigningKey.load(properties.signingKey()), Clock.systemUTC());
  }

  @Bean
  AuditVerifier auditVerifier(JdbcTemplate jdbc) {
    return new AuditVerifier(jdbc);
  }
}
