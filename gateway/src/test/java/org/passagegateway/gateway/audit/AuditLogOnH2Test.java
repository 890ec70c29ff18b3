package org.passagegateway.gateway.audit;

import org.passagegateway.gateway.support.H2GatewayTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class AuditLogOnH2Test extends H2GatewayTest implements AuditLogContract {

  @Autowired AuditLog log;
  @Autowired AuditSequencer sequencer;
  @Autowired AuditVerifier verifier;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactionManager;

  @Override
  public AuditLog log() {
    return log;
  }

  @Override
  public AuditSequencer sequencer() {
    return sequencer;
  }

  @Override
  public AuditVerifier verifier() {
    return verifier;
  }

  @Override
  public JdbcTemplate jdbc() {
    return jdbc;
  }

  @Override
  public TransactionTemplate transactions() {
    return new TransactionTemplate(transactionManager);
  }
}
