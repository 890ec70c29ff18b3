package org.passagegateway.gateway.cluster;

import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What lets several gateway nodes share one database that may fail over: the readiness of a node's database. */
@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

  /** Named in {@code management.endpoint.health.group.readiness.include}. */
  @Bean
  WritableDatabase writableDatabase(DataSourceProperties database) {
    return new WritableDatabase(database);
  }
}
