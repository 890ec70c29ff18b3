package org.passagegateway.gateway.cluster;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What lets several gateway nodes share one database that may fail over: the readiness of a node's database. */
@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

  /** Named in {@code management.endpoint.health.group.readiness.include}. */
  @Bean
  WritableDatabase writableDatabase(DataSource dataSource) {
    return new WritableDatabase(dataSource);
  }
}
