package org.passagegateway.cqlbench;

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
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.entity.StorageSettings;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import jakarta.persistence.EntityManagerFactory;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;
import org.opencds.cqf.fhir.cql.EvaluationSettings;
import org.opencds.cqf.fhir.cr.hapi.config.CrBaseConfig;
import org.opencds.cqf.fhir.cr.hapi.config.CrProcessorConfig;
import org.opencds.cqf.fhir.cr.hapi.config.r4.CrR4Config;
import org.opencds.cqf.fhir.cr.measure.CareGapsProperties;
import org.opencds.cqf.fhir.cr.measure.MeasureEvaluationOptions;
import org.opencds.cqf.fhir.utility.client.TerminologyServerClientSettings;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * The smallest wiring found to work: HAPI JPA R4 on an in-memory H2 database (schema made by
 * Hibernate, no migrator), a RestfulServer (the clinical-reasoning provider loader registers its
 * operations on it), and the clinical-reasoning R4 configuration of cqf-fhir-cr-hapi.
 */
@Configuration(proxyBeanMethods = false)
@Import({
  JpaR4Config.class,
  HapiJpaConfig.class,
  ThreadPoolFactoryConfig.class,
  JpaBatch2Config.class,
  Batch2JobsConfig.class,
  SubscriptionChannelConfig.class,
  CrBaseConfig.class,
  // 3.26.0's ReleaseOperationConfig (imported by CrR4Config) needs ILibraryProcessorFactory but,
  // unlike 4.0.0's, does not import the configuration that defines it.
  CrProcessorConfig.class,
  CrR4Config.class
})
public class BenchConfiguration {

  @Bean(destroyMethod = "close")
  DataSource dataSource() {
    BasicDataSource ds = new BasicDataSource();
    ds.setDriverClassName("org.h2.Driver");
    ds.setUrl("jdbc:h2:mem:cqlbench;DB_CLOSE_DELAY=-1;TRACE_LEVEL_FILE=0");
    ds.setUsername("sa");
    ds.setPassword("");
    ds.setMaxTotal(20);
    return ds;
  }

  @Bean
  static BeanDefinitionRegistryPostProcessor noFullTextIndex() {
    // Same reason as the gateway's NoFullTextIndex: Hibernate Search is off.
    return new BeanDefinitionRegistryPostProcessor() {
      @Override
      public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        if (registry.containsBeanDefinition("fullTextSearchSvc")) {
          registry.removeBeanDefinition("fullTextSearchSvc");
        }
      }

      @Override
      public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}
    };
  }

  @Bean
  JpaStorageSettings jpaStorageSettings() {
    JpaStorageSettings settings = new JpaStorageSettings();
    settings.setResourceClientIdStrategy(JpaStorageSettings.ClientIdStrategyEnum.ALPHANUMERIC);
    settings.setIndexMissingFields(StorageSettings.IndexEnabledEnum.DISABLED);
    settings.setHibernateSearchIndexSearchParams(false);
    settings.setAdvancedHSearchIndexing(false);
    settings.setPreExpandValueSets(false);
    settings.setEnableTaskPreExpandValueSets(false);
    settings.setEnableTaskBulkImportJobExecution(false);
    settings.setEnforceReferentialIntegrityOnWrite(true);
    // HAPI caps internal synchronous searches at 10,000 results by default. The clinical-reasoning
    // repository lists the Measure's subjects (all Patients) with such a search, so beyond 10,000
    // Patients a population report silently counts only the first 10,000 (measured: 100,000 Tasks
    // over 50,000 Patients reported 20,000 Tasks, no warning). SYNC_SEARCH_CAP=10000 reproduces it.
    String cap = System.getenv("SYNC_SEARCH_CAP");
    settings.setInternalSynchronousSearchSize(
        cap == null || cap.isBlank() ? Integer.MAX_VALUE : Integer.parseInt(cap.trim()));
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
  LocalContainerEntityManagerFactoryBean entityManagerFactory(
      ConfigurableListableBeanFactory beanFactory,
      FhirContext fhirContext,
      JpaStorageSettings storageSettings,
      DataSource dataSource) {
    LocalContainerEntityManagerFactoryBean factory =
        HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
    factory.setPersistenceUnitName("HAPI_PU");
    factory.setDataSource(dataSource);
    Properties p = new Properties();
    p.put("hibernate.dialect", HapiFhirH2Dialect.class.getName());
    p.put("hibernate.hbm2ddl.auto", "update");
    p.put("hibernate.search.enabled", "false");
    p.put("hibernate.jdbc.batch_size", "30");
    p.put("hibernate.order_inserts", "true");
    p.put("hibernate.order_updates", "true");
    p.put("hibernate.cache.use_query_cache", "false");
    p.put("hibernate.cache.use_second_level_cache", "false");
    p.put("hibernate.integration.envers.enabled", "false");
    factory.setJpaProperties(p);
    return factory;
  }

  @Bean
  @Primary
  JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
    return new JpaTransactionManager(entityManagerFactory);
  }

  @Bean
  RestfulServer restfulServer(FhirContext fhirContext, ResourceProviderFactory resourceProviders) {
    RestfulServer server = new RestfulServer(fhirContext);
    server.registerProviders(resourceProviders.createProviders());
    return server;
  }

  // Clinical-reasoning settings: library defaults.
  @Bean
  EvaluationSettings evaluationSettings() {
    return EvaluationSettings.getDefault();
  }

  @Bean
  TerminologyServerClientSettings terminologyServerClientSettings() throws ReflectiveOperationException {
    // 4.x has getDefault(); 3.x a public no-argument constructor. Reflection keeps one program
    // for every version tried.
    try {
      return (TerminologyServerClientSettings)
          TerminologyServerClientSettings.class.getMethod("getDefault").invoke(null);
    } catch (NoSuchMethodException e) {
      return TerminologyServerClientSettings.class.getConstructor().newInstance();
    }
  }

  @Bean
  MeasureEvaluationOptions measureEvaluationOptions(EvaluationSettings evaluationSettings) {
    MeasureEvaluationOptions options = MeasureEvaluationOptions.defaultOptions();
    options.setEvaluationSettings(evaluationSettings);
    return options;
  }

  @Bean
  CareGapsProperties careGapsProperties() {
    return new CareGapsProperties();
  }
}
