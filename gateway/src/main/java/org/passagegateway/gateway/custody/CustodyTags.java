package org.passagegateway.gateway.custody;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Resource;

/**
 * The gateway's own tags ({@code meta.tag}), the only place they are written, read and stripped:
 * a clinical resource's custodian (the site whose client wrote it, taken from the access token,
 * never from the body), its parties (every site that is a party to it now, see {@link Parties}),
 * the site types an open referral is addressed to, and, on a Subscription, the purpose of use the
 * subscribing site stated and its client application. HAPI indexes the tags, so searches are
 * narrowed to them in the database; they are never shown to anyone.
 */
final class CustodyTags {

  /** Tag system whose code is the id of the custodian Organization. */
  static final String CUSTODIAN = "https://passage-gateway.org/fhir/sid/custodian";
  /** Tag system whose codes are the ids of every Organization that is a party to the resource. */
  static final String PARTY = "https://passage-gateway.org/fhir/sid/party";
  /** Tag system whose code is a site type an open referral is addressed to. */
  static final String OPEN_TO = "https://passage-gateway.org/fhir/sid/open-to";
  /** Tag system whose code is the purpose of use (v3 ActReason) a subscribing site stated. */
  static final String PURPOSE_OF_USE = "https://passage-gateway.org/fhir/sid/purpose-of-use";
  /** Tag system whose code is the registered client that wrote a Subscription. */
  static final String SUBSCRIBER = "https://passage-gateway.org/fhir/sid/subscriber";

  private static final Set<String> SYSTEMS = Set.of(CUSTODIAN, PARTY, OPEN_TO, PURPOSE_OF_USE, SUBSCRIBER);

  private CustodyTags() {}

  /** Replaces the custody tags of a resource about to be stored. */
  static void record(Resource resource, String custodian, Collection<String> parties, Collection<String> openTo) {
    resource.getMeta().getTag().removeIf(tag -> CUSTODIAN.equals(tag.getSystem()) || PARTY.equals(tag.getSystem())
        || OPEN_TO.equals(tag.getSystem()));
    resource.getMeta().addTag(new Coding(CUSTODIAN, custodian, null));
    parties.forEach(party -> resource.getMeta().addTag(new Coding(PARTY, party, null)));
    openTo.forEach(siteType -> resource.getMeta().addTag(new Coding(OPEN_TO, siteType, null)));
  }

  /** Records who subscribed and for which purpose, replacing what the body said. */
  static void recordSubscriber(Resource subscription, String clientId, Optional<String> purposeOfUse) {
    subscription.getMeta().getTag().removeIf(tag -> PURPOSE_OF_USE.equals(tag.getSystem())
        || SUBSCRIBER.equals(tag.getSystem()));
    subscription.getMeta().addTag(new Coding(SUBSCRIBER, clientId, null));
    purposeOfUse.ifPresent(purpose -> subscription.getMeta().addTag(new Coding(PURPOSE_OF_USE, purpose, null)));
  }

  /** Removes every tag of the gateway's, from a client's body or from a resource about to be shown. */
  static void strip(IBaseResource resource) {
    if (resource instanceof Resource r && r.hasMeta()) {
      r.getMeta().getTag().removeIf(tag -> SYSTEMS.contains(tag.getSystem()));
    }
  }

  static Optional<String> custodian(IBaseResource resource) {
    return first(resource, CUSTODIAN);
  }

  static boolean isParty(IBaseResource resource, String organizationId) {
    return ((Resource) resource).getMeta().getTag(PARTY, organizationId) != null;
  }

  static boolean isOpenTo(IBaseResource resource, String siteType) {
    return siteType != null && ((Resource) resource).getMeta().getTag(OPEN_TO, siteType) != null;
  }

  static Set<String> parties(IBaseResource resource) {
    return codes(resource, PARTY);
  }

  static Optional<String> purposeOf(IBaseResource subscription) {
    return first(subscription, PURPOSE_OF_USE);
  }

  static Optional<String> subscriberOf(IBaseResource subscription) {
    return first(subscription, SUBSCRIBER);
  }

  private static Optional<String> first(IBaseResource resource, String system) {
    return ((Resource) resource).getMeta().getTag().stream().filter(tag -> system.equals(tag.getSystem()))
        .map(Coding::getCode).findFirst();
  }

  private static Set<String> codes(IBaseResource resource, String system) {
    return Set.copyOf(((Resource) resource).getMeta().getTag().stream().filter(tag -> system.equals(tag.getSystem()))
        .map(Coding::getCode).toList());
  }
}
