package org.passagegateway.gateway.config;

import liquibase.exception.LiquibaseException;
import liquibase.integration.spring.SpringLiquibase;

/** Spring's Liquibase runner, run under {@link SchemaLock}. */
final class LockedLiquibase extends SpringLiquibase {

  private final DatabasePlatform platform;

  LockedLiquibase(DatabasePlatform platform) {
    this.platform = platform;
  }

  @Override
  public void afterPropertiesSet() throws LiquibaseException {
    SchemaLock.<Void, LiquibaseException>around(getDataSource(), platform, () -> {
      super.afterPropertiesSet();
      return null;
    });
  }
}
