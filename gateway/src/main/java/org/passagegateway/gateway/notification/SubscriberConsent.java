package org.passagegateway.gateway.notification;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Subscription;
import org.passagegateway.gateway.custody.Visibility;

/**
 * Whether a notification about a Task may reach the site that subscribed: custody's visibility
 * decision, as the client's consent stands now, for the purpose the site stated when it
 * subscribed. A notification says that a Task changed; after a revocation even that is withheld.
 */
final class SubscriberConsent {

  private final DaoRegistry daos;
  private final Visibility visibility;

  SubscriberConsent(DaoRegistry daos, Visibility visibility) {
    this.daos = daos;
    this.visibility = visibility;
  }

  boolean permits(Subscription subscription, String focus) {
    IdType focusId = new IdType(focus);
    Resource task;
    try {
      task = (Resource) daos.getResourceDao(focusId.getResourceType()).read(focusId.toUnqualifiedVersionless(),
          new SystemRequestDetails());
    } catch (ResourceNotFoundException | ResourceGoneException gone) {
      return false;
    }
    return visibility.notifies(subscription, task);
  }
}
