package org.passagegateway.gateway.notification;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Clock;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Subscription;
import org.passagegateway.gateway.consent.DisclosureRequest;
import org.passagegateway.gateway.consent.Disclosures;
import org.passagegateway.gateway.security.SiteParties;
import org.passagegateway.gateway.security.SiteTypes;

/**
 * Whether a notification about a Task may reach the site that subscribed: the site must still be a
 * party to the Task and the client's consent, as committed now, must let it see the Task for the
 * purpose the site stated when it subscribed. A notification says that a Task changed; after a
 * revocation even that is withheld.
 */
final class SubscriberConsent {

  private final DaoRegistry daos;
  private final Disclosures disclosures;
  private final SiteTypes siteTypes;
  private final Clock clock;

  SubscriberConsent(DaoRegistry daos, Disclosures disclosures, SiteTypes siteTypes, Clock clock) {
    this.daos = daos;
    this.disclosures = disclosures;
    this.siteTypes = siteTypes;
    this.clock = clock;
  }

  boolean permits(Subscription subscription, String focus) {
    String criteria = subscription.getCriteria();
    int organization = criteria == null ? -1 : criteria.indexOf("=Organization/");
    if (organization < 0) {
      return false;
    }
    String site = criteria.substring(organization + "=Organization/".length());
    IdType focusId = new IdType(focus);
    Resource task;
    try {
      task = (Resource) daos.getResourceDao(focusId.getResourceType()).read(focusId.toUnqualifiedVersionless(),
          new SystemRequestDetails());
    } catch (ResourceNotFoundException | ResourceGoneException gone) {
      return false;
    }
    String siteType = siteTypes.of(site).orElse(null);
    if (!SiteParties.isVisibleTo(task, site, siteType)) {
      return false;
    }
    String purpose = subscription.getMeta().getTag().stream()
        .filter(tag -> SubscriptionPolicy.PURPOSE_OF_USE.equals(tag.getSystem())).map(Coding::getCode).findFirst()
        .orElse(null);
    return disclosures.decide(new DisclosureRequest(site, siteType, purpose, clock.instant()), task).decision().discloses();
  }
}
