package org.passagegateway.gateway.signin;

import org.passagegateway.gateway.support.PostgresGatewayTest;
import org.passagegateway.gateway.support.RawHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Signing in on PostgreSQL: the counting and locking statements as PostgreSQL types them. */
class SignInOnPostgresTest extends PostgresGatewayTest implements SignInContract {

  @Autowired JdbcTemplate jdbc;

  @Override
  public JdbcTemplate jdbc() {
    return jdbc;
  }

  @Override
  public RawHttp admin() {
    return httpAs(ADMIN);
  }

  @Override
  public String base() {
    return "http://localhost:" + port;
  }
}
