package org.passagegateway.gateway.notification;

import java.util.Optional;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Subscription;

/**
 * What a site may subscribe to: changes of the referral Tasks it owns ({@code
 * Task?owner=Organization/<its id>}) or sent ({@code Task?requester=Organization/<its id>}), over a
 * rest-hook to an {@code https} endpoint, with an empty or id-only payload (the recipient fetches
 * the Task through the normal, access-controlled read), and no headers of its own (a notification
 * carries those of the site's registered Endpoint, {@link SubscriberEndpoints}). Nothing else.
 *
 * @see <a href="https://hl7.org/fhir/uv/subscriptions-backport/">Subscriptions R5 Backport (payload content)</a>
 */
final class SubscriptionRules {

  static final String PAYLOAD_CONTENT =
      "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-payload-content";
  static final String FHIR_JSON = "application/fhir+json";

  private SubscriptionRules() {}

  /** Why the site may not hold this subscription, if it may not. */
  static Optional<String> violation(Subscription subscription, String organizationId) {
    String criteria = subscription.getCriteria();
    if (!("Task?owner=Organization/" + organizationId).equals(criteria)
        && !("Task?requester=Organization/" + organizationId).equals(criteria)) {
      return Optional.of("Subscription.criteria must be Task?owner=Organization/" + organizationId
          + " or Task?requester=Organization/" + organizationId);
    }
    Subscription.SubscriptionChannelComponent channel = subscription.getChannel();
    if (channel.getType() != Subscription.SubscriptionChannelType.RESTHOOK) {
      return Optional.of("Subscription.channel.type must be rest-hook");
    }
    String endpoint = channel.getEndpoint();
    if (endpoint == null || !endpoint.startsWith("https://")) {
      return Optional.of("Subscription.channel.endpoint must be an https URL");
    }
    if (channel.hasHeader()) {
      return Optional.of("Subscription.channel.header must be empty: a notification carries the headers of the"
          + " site's Endpoint in the directory");
    }
    if (channel.hasPayload()) {
      Extension content = channel.getPayloadElement().getExtensionByUrl(PAYLOAD_CONTENT);
      if (!FHIR_JSON.equals(channel.getPayload()) || content == null || !"id-only".equals(content.getValue().primitiveValue())) {
        return Optional.of("Subscription.channel.payload must be absent (empty notifications) or application/fhir+json "
            + "with the backport-payload-content extension id-only; notifications never carry the resource");
      }
    }
    return Optional.empty();
  }

  /** The site a subscription's criteria name (the rules let a site name only itself). */
  static String subscriber(Subscription subscription) {
    String criteria = subscription.getCriteria();
    return criteria.substring(criteria.indexOf("Organization/") + "Organization/".length());
  }

  /** Whether notifications of this subscription carry ids (else they are empty). */
  static boolean idOnly(Subscription subscription) {
    return subscription.getChannel().hasPayload();
  }
}
