package org.passagegateway.gateway.foundation;

import org.passagegateway.gateway.support.RunningGateway;
import org.passagegateway.gateway.support.TestDatabases;

class RestartOnPostgresTest implements RestartContract {

  @Override
  public RunningGateway startGateway() {
    return RunningGateway.start(TestDatabases.postgresJdbcUrl(),
        TestDatabases.urlParameter("user"), TestDatabases.urlParameter("password"));
  }
}
