package org.passagegateway.gateway.labeling;

import java.util.Map;
import java.util.Set;

/**
 * The sensitivity labels the labeling service derived for one resource.
 *
 * @param resource labels of the resource as a whole: disclosing it at all discloses these categories
 * @param elements labels of single elements, by element name: removing the element withholds them
 */
public record ResourceLabels(Set<String> resource, Map<String, Set<String>> elements) {

  public ResourceLabels {
    resource = Set.copyOf(resource);
    elements = Map.copyOf(elements);
  }

  public static final ResourceLabels NONE = new ResourceLabels(Set.of(), Map.of());
}
