package org.passagegateway.gateway.config;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Restricts HAPI's DAO registry to Passage's resource types as soon as the registry is created,
 * before any resource provider or the CapabilityStatement asks it what is supported.
 */
final class SupportedResourceTypes implements BeanPostProcessor {

  private final ObjectProvider<FhirProperties> properties;

  SupportedResourceTypes(ObjectProvider<FhirProperties> properties) {
    this.properties = properties;
  }

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof DaoRegistry registry) {
      registry.setSupportedResourceTypes(properties.getObject().resourceTypes());
    }
    return bean;
  }
}
