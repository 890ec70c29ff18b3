package org.passagegateway.gateway.consent;

import java.time.Instant;
import java.util.Objects;

/**
 * Who asks, why and when: the request context a consent decision is taken for.
 *
 * @param recipient the id of the requesting Organization
 * @param recipientSiteType the requesting site's kind (a Passage site-type code), or null when not known
 * @param purposeOfUse the request's purpose of use (a v3 ActReason code), or null when the request gave none
 * @param time the moment the request started
 */
public record DisclosureRequest(String recipient, String recipientSiteType, String purposeOfUse, Instant time) {

  public DisclosureRequest {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(time, "time");
  }
}
