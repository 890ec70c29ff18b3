package org.passagegateway.gateway.config;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;

/**
 * Passage runs HAPI without a full-text index (Hibernate Search is off: no Lucene or
 * Elasticsearch to keep consistent across nodes), but HAPI's {@code HapiJpaConfig} defines its
 * full-text search service unconditionally, and HAPI takes the bean's presence to mean the index
 * exists: ValueSet {@code $expand} of a stored CodeSystem then fails. Every user of the bean takes
 * it as optional, so it is removed, and HAPI expands from its concept tables instead.
 */
final class NoFullTextIndex implements BeanDefinitionRegistryPostProcessor {

  static final String HAPI_FULL_TEXT_BEAN = "fullTextSearchSvc";

  @Override
  public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
    if (registry.containsBeanDefinition(HAPI_FULL_TEXT_BEAN)) {
      registry.removeBeanDefinition(HAPI_FULL_TEXT_BEAN);
    }
  }
}
