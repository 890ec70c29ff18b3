package org.passagegateway.gateway.indicators;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Clock;
import org.passagegateway.gateway.config.ClusterLock;
import org.passagegateway.gateway.config.RestfulServerCustomizer;
import org.passagegateway.gateway.identity.HerRecords;
import org.passagegateway.gateway.security.OperationGrant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Wires the referral indicators: the facts kept on every write, evaluation, suppression, export. */
@Configuration(proxyBeanMethods = false)
class IndicatorsConfiguration {

  /** On HAPI's own broadcaster, so that every write of a referral, whoever makes it, keeps its facts. */
  @Bean
  ReferralFacts referralFacts(JdbcTemplate jdbc, HerRecords records, IInterceptorService interceptors, DaoRegistry daos) {
    ReferralFacts facts = new ReferralFacts(jdbc, records, Clock.systemUTC(), task -> ReferralFactsBackfill.steps(daos, task));
    interceptors.registerInterceptor(facts);
    return facts;
  }

  @Bean
  ReferralFactsBackfill referralFactsBackfill(DaoRegistry daos, ReferralFacts facts, JdbcTemplate jdbc) {
    return new ReferralFactsBackfill(daos, facts, jdbc, new ClusterLock(jdbc.getDataSource()), Clock.systemUTC());
  }

  @Bean
  MeasureEvaluation measureEvaluation(JdbcTemplate jdbc, IndicatorProperties properties, DaoRegistry daos,
      EvaluationAudit audit) {
    return new MeasureEvaluation(new IndicatorQueries(new NamedParameterJdbcTemplate(jdbc), standardPercentiles(jdbc)),
        new ReleaseLedger(jdbc),
        properties, daos, new ClusterLock(jdbc.getDataSource()), audit, Clock.systemUTC());
  }

  @Bean
  RestfulServerCustomizer indicatorsCustomizer(MeasureEvaluation evaluation) {
    return server -> {
      server.registerProvider(new EvaluateMeasureOperation(evaluation));
      server.registerInterceptor(new MeasureReportCsv());
    };
  }

  /** Whether the database computes percentile_disc as SQL defines it (PostgreSQL does, H2 does not). */
  static boolean standardPercentiles(JdbcTemplate jdbc) {
    Boolean postgres = jdbc.execute((ConnectionCallback<Boolean>) connection ->
        "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName()));
    return Boolean.TRUE.equals(postgres);
  }

  /** Evaluating an indicator is reading MeasureReports: auditors. */
  @Bean
  OperationGrant evaluateMeasureGrant() {
    return new OperationGrant("$evaluate-measure", "Measure", 'r', "MeasureReport");
  }
}
