package org.passagegateway.gateway.config;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.model.entity.StorageSettings;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import jakarta.persistence.EntityManagerFactory;
import java.util.Properties;
import javax.sql.DataSource;
import liquibase.integration.spring.SpringLiquibase;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * HAPI FHIR JPA (R4) wired into Spring Boot: Boot's DataSource, HAPI's schema migrator, HAPI's
 * entity manager factory and the storage settings Passage needs.
 *
 * @see <a href="https://hapifhir.io/hapi-fhir/docs/server_jpa/architecture.html">HAPI JPA
 *     server architecture</a>
 */
@Configuration(proxyBeanMethods = false)
@Import({
  JpaR4Config.class,
  HapiJpaConfig.class,
  ThreadPoolFactoryConfig.class,
  // HAPI's batch framework (terminology storage and package installation use it) and the
  // in-JVM message channels it runs on.
  JpaBatch2Config.class,
  Batch2JobsConfig.class,
  SubscriptionChannelConfig.class
})
class FhirJpaConfiguration {

  @Bean
  DatabasePlatform databasePlatform(DataSourceProperties dataSource) {
    return DatabasePlatform.fromJdbcUrl(dataSource.determineUrl());
  }

  @Bean
  static NoFullTextIndex noFullTextIndex() {
    return new NoFullTextIndex();
  }

  @Bean
  static LockedResourceTypeCache.InPlaceOfHapis lockedResourceTypeCache() {
    return new LockedResourceTypeCache.InPlaceOfHapis();
  }

  @Bean
  static PassageResourceTypes passageResourceTypes(Environment environment) {
    return new PassageResourceTypes(environment);
  }

  /**
   * Liquibase as Spring Boot would run it ({@code spring.liquibase.change-log}; Boot's own runner
   * steps aside for this bean and still orders the beans that need Passage's tables after it),
   * under {@link SchemaLock}.
   */
  @Bean
  SpringLiquibase liquibase(DataSource dataSource, DatabasePlatform platform,
      @Value("${spring.liquibase.change-log}") String changeLog) {
    SpringLiquibase liquibase = new LockedLiquibase(platform);
    liquibase.setDataSource(dataSource);
    liquibase.setChangeLog(changeLog);
    return liquibase;
  }

  @Bean
  HapiSchemaMigration hapiSchemaMigration(DataSource dataSource, DatabasePlatform platform) {
    HapiSchemaMigration migration = new HapiSchemaMigration(dataSource, platform);
    migration.migrate();
    return migration;
  }

  @Bean
  JpaStorageSettings jpaStorageSettings(FhirProperties fhir) {
    JpaStorageSettings settings = new JpaStorageSettings();
    // Server-assigned ids are random UUIDs: sequential ids would let anyone count or guess
    // resources. Clients (and the demo network) may still PUT alphanumeric ids.
    settings.setResourceServerIdStrategy(JpaStorageSettings.IdStrategyEnum.UUID);
    settings.setResourceClientIdStrategy(JpaStorageSettings.ClientIdStrategyEnum.ALPHANUMERIC);
    // An inbox polled every few seconds must see a referral the moment it is committed.
    settings.setReuseCachedSearchResultsForMillis(null);
    settings.setAllowExternalReferences(false);
    settings.setAutoCreatePlaceholderReferenceTargets(false);
    settings.setEnforceReferentialIntegrityOnWrite(true);
    settings.setEnforceReferentialIntegrityOnDelete(true);
    settings.setAllowMultipleDelete(false);
    settings.setExpungeEnabled(false);
    settings.setDeleteExpungeEnabled(false);
    settings.setAllowContainsSearches(false);
    settings.setIndexMissingFields(StorageSettings.IndexEnabledEnum.DISABLED);
    settings.setHibernateSearchIndexSearchParams(false);
    settings.setAdvancedHSearchIndexing(false);
    settings.setFetchSizeDefaultMaximum(fhir.maxPageSize());
    // Passage's value sets are small and expanded in memory; HAPI's scheduled pre-expansion
    // needs Hibernate Search, which Passage does not run.
    settings.setPreExpandValueSets(false);
    settings.setEnableTaskPreExpandValueSets(false);
    // Passage offers no bulk import ($import); HAPI's scheduled activation of import jobs would
    // otherwise run every 10 s and fail on a JSON-LD class HAPI 8.8.0 imports by mistake.
    settings.setEnableTaskBulkImportJobExecution(false);
    // Passage installs its own package as built, draft resources included.
    settings.setValidateResourceStatusForPackageUpload(false);
    return settings;
  }

  @Bean
  PartitionSettings partitionSettings() {
    return new PartitionSettings();
  }

  @Bean
  SubscriptionSettings subscriptionSettings() {
    return new SubscriptionSettings();
  }

  @Bean
  @Primary
  @DependsOn("hapiSchemaMigration")
  LocalContainerEntityManagerFactoryBean entityManagerFactory(
      ConfigurableListableBeanFactory beanFactory,
      FhirContext fhirContext,
      JpaStorageSettings storageSettings,
      DataSource dataSource,
      DatabasePlatform platform) {
    LocalContainerEntityManagerFactoryBean factory =
        HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
    factory.setPersistenceUnitName("HAPI_PU");
    factory.setDataSource(dataSource);
    factory.setJpaProperties(hibernateProperties(platform));
    return factory;
  }

  @Bean
  @Primary
  JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
    return new JpaTransactionManager(entityManagerFactory);
  }

  private static Properties hibernateProperties(DatabasePlatform platform) {
    Properties properties = new Properties();
    properties.put("hibernate.dialect", platform.hibernateDialect());
    // The schema belongs to HAPI's migrator (see HapiSchemaMigration), never to Hibernate.
    properties.put("hibernate.hbm2ddl.auto", "none");
    properties.put("hibernate.search.enabled", "false");
    properties.put("hibernate.jdbc.batch_size", "30");
    properties.put("hibernate.order_inserts", "true");
    properties.put("hibernate.order_updates", "true");
    properties.put("hibernate.show_sql", "false");
    properties.put("hibernate.format_sql", "false");
    properties.put("hibernate.cache.use_query_cache", "false");
    properties.put("hibernate.cache.use_second_level_cache", "false");
    properties.put("hibernate.cache.use_structured_entries", "false");
    properties.put("hibernate.cache.use_minimal_puts", "false");
    // HAPI audits nothing Passage uses with Envers; Passage's audit log is its own.
    properties.put("hibernate.integration.envers.enabled", "false");
    return properties;
  }
}
