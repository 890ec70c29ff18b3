package org.passagegateway.gateway.consent;

import java.time.Instant;
import java.util.Set;

/**
 * Whether a provision's conditions hold for a request and a resource, for a request whose
 * context is complete (the engine resolves missing context before it gets here).
 */
final class ProvisionMatch {

  private static final Set<String> DISCLOSURE_ACTIONS = Set.of("access", "disclose");

  private ProvisionMatch() {}

  static boolean conditionsHold(Provision provision, DisclosureRequest request, LabelledResource resource) {
    return inPeriod(provision, request.time())
        && namesRecipient(provision, request)
        && (provision.purposes().isEmpty() || contains(provision.purposes(), request.purposeOfUse()))
        && (provision.resourceTypes().isEmpty() || provision.resourceTypes().contains(resource.type()))
        && (provision.resources().isEmpty() || provision.resources().contains(resource.reference()))
        && (provision.actions().isEmpty() || provision.actions().stream().anyMatch(DISCLOSURE_ACTIONS::contains));
  }

  static boolean inPeriod(Provision provision, Instant time) {
    return (provision.start() == null || !time.isBefore(provision.start()))
        && (provision.end() == null || time.isBefore(provision.end()));
  }

  private static boolean namesRecipient(Provision provision, DisclosureRequest request) {
    if (provision.recipients().isEmpty() && provision.recipientSiteTypes().isEmpty()) {
      return true;
    }
    return provision.recipients().contains(request.recipient())
        || contains(provision.recipientSiteTypes(), request.recipientSiteType());
  }

  /** A missing value is in no set (immutable sets refuse to be asked about null). */
  private static boolean contains(Set<String> values, String value) {
    return value != null && values.contains(value);
  }
}
