package org.passagegateway.gateway.config;

import ca.uhn.fhir.jpa.cache.ResourceTypeCacheSvcImpl;
import ca.uhn.fhir.jpa.dao.data.IResourceTypeDao;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.util.MemoryCacheService;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * HAPI's cache of resource type ids, whose table ({@code HFJ_RESOURCE_TYPE}) the first node to
 * start on an empty database fills under {@link SchemaLock}.
 *
 * <p>HAPI fills it when it finds it empty, without a lock: nodes starting together each found it
 * empty, and all but one failed to start on its unique index (a gateway node of the cluster slice
 * died so). Under the lock the next node finds the rows the first one committed.
 */
final class LockedResourceTypeCache extends ResourceTypeCacheSvcImpl {

  /** HAPI's name for the bean ({@code JpaConfig}), which this class takes over. */
  static final String HAPI_BEAN = "resourceTypeCacheSvc";

  private final DataSource dataSource;
  private final DatabasePlatform platform;

  LockedResourceTypeCache(IHapiTransactionService transactions, IResourceTypeDao resourceTypes,
      MemoryCacheService cache, DataSource dataSource, DatabasePlatform platform) {
    super(transactions, resourceTypes, cache);
    this.dataSource = dataSource;
    this.platform = platform;
  }

  @Override
  protected void initResourceTypes() {
    SchemaLock.around(dataSource, platform, () -> {
      super.initResourceTypes();
      return null;
    });
  }

  /** Puts {@link LockedResourceTypeCache} in place of HAPI's own, under HAPI's bean name. */
  static final class InPlaceOfHapis implements BeanDefinitionRegistryPostProcessor {

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
      if (registry.containsBeanDefinition(HAPI_BEAN)) {
        registry.removeBeanDefinition(HAPI_BEAN);
      }
      RootBeanDefinition locked = new RootBeanDefinition(LockedResourceTypeCache.class);
      locked.setAutowireMode(AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR);
      registry.registerBeanDefinition(HAPI_BEAN, locked);
    }
  }
}
