package org.passagegateway.gateway.consent;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One rule of a consent (FHIR {@code Consent.provision}), reduced to what the decision engine
 * compares. An empty set means the element is absent: the rule does not restrict on it.
 * Repeated values within one element are alternatives (OR); different elements must all match
 * (AND), except that named recipient organizations and recipient site types are two ways of
 * naming the recipient, so either may match (as the Passage consent profile says).
 *
 * @param permit whether the rule permits (true) or denies (false)
 * @param start the start of the rule's period, or null
 * @param end the end of the rule's period, or null
 * @param recipients ids of the Organizations the rule names as recipients ({@code actor} with role IRCP)
 * @param recipientSiteTypes site-type codes of the recipients (Passage's recipient-site-type extension)
 * @param purposes purpose-of-use codes
 * @param labels data categories (security labels) the rule is about; empty for unlabelled data only
 *     when it permits, for all data when it denies
 * @param resourceTypes resource types the rule is about ({@code class})
 * @param actions action codes (consentaction); a rule that names actions applies to disclosure only
 *     if it names {@code access} or {@code disclose}
 * @param resources relative references of the resources the rule is about ({@code data})
 * @param exceptions nested rules: exceptions to this one
 */
public record Provision(boolean permit, Instant start, Instant end, Set<String> recipients,
    Set<String> recipientSiteTypes, Set<String> purposes, Set<String> labels, Set<String> resourceTypes,
    Set<String> actions, Set<String> resources, List<Provision> exceptions) {

  public Provision {
    recipients = Set.copyOf(recipients);
    recipientSiteTypes = Set.copyOf(recipientSiteTypes);
    purposes = Set.copyOf(purposes);
    labels = Set.copyOf(labels);
    resourceTypes = Set.copyOf(resourceTypes);
    actions = Set.copyOf(actions);
    resources = Set.copyOf(resources);
    exceptions = List.copyOf(exceptions);
  }

  /** A rule with no conditions: the start of {@link #with} chains, mostly for tests. */
  public static Provision of(boolean permit) {
    return new Provision(permit, null, null, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
        List.of());
  }

  public Provision withRecipients(Set<String> value) {
    return new Provision(permit, start, end, value, recipientSiteTypes, purposes, labels, resourceTypes, actions,
        resources, exceptions);
  }

  public Provision withRecipientSiteTypes(Set<String> value) {
    return new Provision(permit, start, end, recipients, value, purposes, labels, resourceTypes, actions, resources,
        exceptions);
  }

  public Provision withPurposes(Set<String> value) {
    return new Provision(permit, start, end, recipients, recipientSiteTypes, value, labels, resourceTypes, actions,
        resources, exceptions);
  }

  public Provision withLabels(Set<String> value) {
    return new Provision(permit, start, end, recipients, recipientSiteTypes, purposes, value, resourceTypes, actions,
        resources, exceptions);
  }

  public Provision withResourceTypes(Set<String> value) {
    return new Provision(permit, start, end, recipients, recipientSiteTypes, purposes, labels, value, actions,
        resources, exceptions);
  }

  public Provision withActions(Set<String> value) {
    return new Provision(permit, start, end, recipients, recipientSiteTypes, purposes, labels, resourceTypes, value,
        resources, exceptions);
  }

  public Provision withResources(Set<String> value) {
    return new Provision(permit, start, end, recipients, recipientSiteTypes, purposes, labels, resourceTypes, actions,
        value, exceptions);
  }

  public Provision withPeriod(Instant from, Instant to) {
    return new Provision(permit, from, to, recipients, recipientSiteTypes, purposes, labels, resourceTypes, actions,
        resources, exceptions);
  }

  public Provision withExceptions(List<Provision> value) {
    return new Provision(permit, start, end, recipients, recipientSiteTypes, purposes, labels, resourceTypes, actions,
        resources, value);
  }
}
