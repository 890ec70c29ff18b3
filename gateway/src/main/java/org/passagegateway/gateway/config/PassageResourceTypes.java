package org.passagegateway.gateway.config;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Makes HAPI serve only the resource types of {@code passage.fhir.resource-types}.
 *
 * <ul>
 *   <li>Before any bean is created, it removes HAPI's DAO and resource provider beans ({@code
 *       my<Type>DaoR4}, {@code my<Type>RpR4}) of every other type. HAPI's generated
 *       configuration declares both for all ~146 R4 types and its DAO registry instantiates every
 *       DAO it finds; without this, start-up spends seconds building DAOs no request can reach.
 *   <li>As soon as HAPI's DAO registry is created, it restricts the registry to those types,
 *       before any resource provider or the CapabilityStatement asks it what is supported.
 * </ul>
 */
final class PassageResourceTypes implements BeanDefinitionRegistryPostProcessor, BeanPostProcessor {

  private static final Pattern HAPI_TYPE_BEAN = Pattern.compile("my([A-Z][A-Za-z]+?)(Dao|Rp)R4");
  /** HAPI names the List type's beans "myListResource…" (List is a Java type). */
  private static final String LIST_BEAN_TYPE = "ListResource";

  /** Read from HAPI's list of R4 resource names; cheap, no model classes are scanned. */
  private static final Set<String> R4_TYPES = FhirContext.forR4Cached().getResourceTypes();

  private final Set<String> registered;

  PassageResourceTypes(Environment environment) {
    FhirProperties properties = Binder.get(environment).bindOrCreate("passage.fhir", FhirProperties.class);
    this.registered = Set.copyOf(properties.resourceTypes());
  }

  @Override
  public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
    Arrays.stream(registry.getBeanDefinitionNames())
        .filter(this::isUnusedTypeBean)
        .forEach(registry::removeBeanDefinition);
  }

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof DaoRegistry registry) {
      registry.setSupportedResourceTypes(registered);
    }
    return bean;
  }

  boolean isUnusedTypeBean(String beanName) {
    Matcher matcher = HAPI_TYPE_BEAN.matcher(beanName);
    if (!matcher.matches()) {
      return false;
    }
    String type = matcher.group(1).equals(LIST_BEAN_TYPE) ? "List" : matcher.group(1);
    return R4_TYPES.contains(type) && !registered.contains(type);
  }
}
