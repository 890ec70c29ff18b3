package org.passagegateway.gateway.indicators;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.passagegateway.gateway.support.PostgresGatewayTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class PostgresIndicatorEvaluationTest extends PostgresGatewayTest implements IndicatorEvaluationContract {

  @Autowired JdbcTemplate jdbc;
  @Autowired DaoRegistry daos;

  @Override
  public JdbcTemplate jdbc() {
    return jdbc;
  }

  @Override
  public DaoRegistry daos() {
    return daos;
  }

  @Override
  public int year() {
    return 2002;
  }
}
