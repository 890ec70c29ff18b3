package org.passagegateway.gateway.config;

import ca.uhn.fhir.context.FhirContext;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Removes HAPI's DAO and resource provider beans ({@code my<Type>DaoR4}, {@code my<Type>RpR4})
 * of every resource type Passage does not register, before Spring creates them.
 *
 * <p>HAPI's generated configuration declares a DAO and a provider for all ~146 R4 types, and its
 * DAO registry instantiates every DAO bean it finds; Passage uses about 30 types. Without this,
 * start-up spends seconds building DAOs no request can reach.
 */
final class UnusedResourceTypes implements BeanDefinitionRegistryPostProcessor {

  private static final Pattern HAPI_TYPE_BEAN = Pattern.compile("my([A-Z][A-Za-z]+?)(Dao|Rp)R4");
  /** HAPI names the List type's beans "myListResource…" (List is a Java type). */
  private static final String LIST_BEAN_TYPE = "ListResource";

  /** Read from HAPI's list of R4 resource names; cheap, no model classes are scanned. */
  private static final Set<String> R4_TYPES = FhirContext.forR4Cached().getResourceTypes();

  private final Set<String> registered;

  UnusedResourceTypes(Environment environment) {
    FhirProperties properties = Binder.get(environment).bindOrCreate("passage.fhir", FhirProperties.class);
    this.registered = Set.copyOf(properties.resourceTypes());
  }

  @Override
  public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
    Arrays.stream(registry.getBeanDefinitionNames())
        .filter(this::isUnusedTypeBean)
        .forEach(registry::removeBeanDefinition);
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
