package org.passagegateway.gateway.audit;

import org.passagegateway.gateway.benchmark.BenchmarkProperties;
import org.passagegateway.gateway.benchmark.BenchmarkProperties.Check;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.hl7.fhir.r4.model.AuditEvent;
import org.passagegateway.gateway.config.RestfulServerCustomizer;
import org.passagegateway.gateway.custody.Visibility;
import org.passagegateway.gateway.identity.DerivationAudit;
import org.passagegateway.gateway.identity.HerRecords;
import org.passagegateway.gateway.indicators.EvaluationAudit;
import org.passagegateway.gateway.security.OperationGrant;
import org.passagegateway.gateway.security.RegistryAudit;
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
  AuditLog auditLog(JdbcTemplate jdbc, FhirContext fhirContext, IInterceptorService interceptors,
      BenchmarkProperties benchmark) {
    AuditLog log = new AuditLog(jdbc, fhirContext, benchmark.on(Check.AUDIT));
    interceptors.registerInterceptor(new AuditedWrites(log, Clock.systemUTC()));
    return log;
  }

  @Bean
  Ed25519PrivateKeyParameters auditCheckpointKey(AuditProperties properties) {
    return AuditSigningKey.load(properties.signingKey());
  }

  @Bean
  AuditSequencer auditSequencer(JdbcTemplate jdbc, PlatformTransactionManager transactions, AuditProperties properties,
      Ed25519PrivateKeyParameters auditCheckpointKey) {
    return new AuditSequencer(jdbc, new TransactionTemplate(transactions), properties.origin(), auditCheckpointKey,
        Clock.systemUTC());
  }

  /** On the REST server: reads and searches are what clients ask of it. */
  @Bean
  RestfulServerCustomizer auditedReadsCustomizer(AuditLog log, AuditedDisclosures disclosures, DaoRegistry daos,
      JdbcTemplate jdbc, FhirContext fhirContext, Visibility visibility, HerRecords records) {
    return server -> {
      server.registerInterceptor(new AuditedReads(log, disclosures, Clock.systemUTC()));
      server.registerProvider(new DisclosuresOperation(daos, jdbc, fhirContext, visibility, records));
    };
  }

  /** The log as FHIR for auditors, in place of HAPI's stored AuditEvent resources (none are stored). */
  @Bean
  RestfulServerCustomizer auditEventCustomizer(JdbcTemplate jdbc, FhirContext fhirContext, AuditSequencer sequencer,
      AuditVerifier verifier, DaoRegistry daos) {
    return server -> {
      new ArrayList<>(server.getResourceProviders()).stream()
          .filter(provider -> provider.getResourceType() == AuditEvent.class).forEach(server::unregisterProvider);
      server.registerProvider(new AuditEventProvider(jdbc, fhirContext, sequencer, verifier, daos));
    };
  }

  @Bean
  OperationGrant checkpointGrant() {
    return new OperationGrant("$checkpoint", "AuditEvent", 'r');
  }

  @Bean
  OperationGrant inclusionProofGrant() {
    return new OperationGrant("$inclusion-proof", "AuditEvent", 'r');
  }

  @Bean
  OperationGrant inclusionProofsGrant() {
    return new OperationGrant("$inclusion-proofs", "AuditEvent", 'r');
  }

  @Bean
  OperationGrant consistencyProofGrant() {
    return new OperationGrant("$consistency-proof", "AuditEvent", 'r');
  }

  @Bean
  OperationGrant verifyGrant() {
    return new OperationGrant("$verify", "AuditEvent", 'r');
  }

  /** A pseudonym derivation: the client that asked, never what from. */
  @Bean
  DerivationAudit derivationAudit(AuditLog log) {
    Clock clock = Clock.systemUTC();
    return caller -> log.append(new AuditRecord(AuditRecord.Kind.PSEUDONYM_DERIVATION, clock.instant(),
        caller.clientId(), caller.organizationId().orElse(null), caller.purposeOfUse().orElse(null), null, (String) null,
        null, true, java.util.Set.of()));
  }

  /** An indicator evaluation: who asked, the Measure and the report released; never a client. */
  @Bean
  EvaluationAudit evaluationAudit(AuditLog log) {
    Clock clock = Clock.systemUTC();
    return (caller, measure, report) -> log.append(new AuditRecord(AuditRecord.Kind.INDICATOR_EVALUATION,
        clock.instant(), caller.clientId(), caller.organizationId().orElse(null), caller.purposeOfUse().orElse(null),
        null, report == null ? List.of(new AuditRecord.Subject(measure, java.util.Set.of()))
            : List.of(new AuditRecord.Subject(measure, java.util.Set.of()), new AuditRecord.Subject(report, java.util.Set.of())),
        null, true, java.util.Set.of(), null));
  }

  /** A person's sign-in attempt: who (if the name is an account's) and whether she got in. */
  @Bean
  org.passagegateway.gateway.signin.SignInAudit signInAudit(AuditLog log) {
    Clock clock = Clock.systemUTC();
    return (agent, succeeded) -> log.append(new AuditRecord(AuditRecord.Kind.SIGN_IN, clock.instant(), agent, null,
        null, null, (String) null, null, succeeded, java.util.Set.of()));
  }

  /** Client registry changes, in the transaction that makes them. */
  @Bean
  RegistryAudit registryAudit(AuditLog log) {
    Clock clock = Clock.systemUTC();
    return (admin, clientId) -> log.append(new AuditRecord(AuditRecord.Kind.REGISTRY_CHANGE, clock.instant(),
        admin.clientId(), null, admin.purposeOfUse().orElse(null), null, clientId, null, true, java.util.Set.of()));
  }

  @Bean
  AuditColumnsBackfill auditColumnsBackfill(JdbcTemplate jdbc) {
    return new AuditColumnsBackfill(jdbc);
  }

  @Bean
  OperationGrant disclosuresGrant() {
    return new OperationGrant("$disclosures", "Patient", 'r');
  }

  /** Consent decisions: a request's written with its other events, the gateway's own at once. */
  @Bean
  AuditedDisclosures auditedDisclosures(AuditLog log) {
    return new AuditedDisclosures(log, Clock.systemUTC());
  }

  @Bean
  AuditSchedule auditSchedule(AuditSequencer sequencer, AuditProperties properties) {
    return new AuditSchedule(sequencer, properties);
  }

  /** Trusts the gateway's own checkpoint key and the earlier keys it was given, never keys read from the database. */
  @Bean
  AuditVerifier auditVerifier(JdbcTemplate jdbc, AuditProperties properties, Ed25519PrivateKeyParameters auditCheckpointKey) {
    List<NoteKey> trusted = new ArrayList<>();
    trusted.add(new NoteKey(properties.origin(), auditCheckpointKey.generatePublicKey().getEncoded()));
    properties.trustedKeys().stream().map(NoteKey::parse).forEach(trusted::add);
    return new AuditVerifier(jdbc, trusted);
  }
}
