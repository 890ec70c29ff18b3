package org.passagegateway.gateway.consent;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a consent decision is about: one resource of one client, as the security labeling
 * service labelled it when it was written.
 *
 * @param reference the resource's relative reference ({@code ServiceRequest/123})
 * @param patient the id of the client the resource is about
 * @param custodian the id of the Organization that wrote it
 * @param labels the sensitivity labels of the resource as a whole (data category codes such as {@code ETH})
 * @param elementLabels labels that concern one element only (for example a reason code labelled
 *     {@code ETH} in an otherwise unlabelled referral), by the element's path
 */
public record LabelledResource(String reference, String patient, String custodian, Set<String> labels,
    Map<String, Set<String>> elementLabels) {

  public LabelledResource {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(custodian, "custodian");
    labels = Set.copyOf(labels);
    elementLabels = Map.copyOf(elementLabels);
  }

  /** The resource type, from the reference. */
  public String type() {
    int slash = reference.indexOf('/');
    return slash < 0 ? reference : reference.substring(0, slash);
  }
}
