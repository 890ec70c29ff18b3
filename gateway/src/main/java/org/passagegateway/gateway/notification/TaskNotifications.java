package org.passagegateway.gateway.notification;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Task;
import org.passagegateway.gateway.custody.Parties;

/**
 * Turns every committed change of a referral Task into notifications for the active
 * Subscriptions of its owner and its requester, written to the outbox in the same database
 * transaction (HAPI's pre-commit pointcuts), whoever made the change: a site, a claim, the
 * gateway. A new Subscription gets its event count here too.
 */
@Interceptor
final class TaskNotifications {

  private final DaoRegistry daos;
  private final NotificationOutbox outbox;

  TaskNotifications(DaoRegistry daos, NotificationOutbox outbox) {
    this.daos = daos;
    this.outbox = outbox;
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
  public void created(IBaseResource resource) {
    if (resource instanceof Subscription subscription) {
      outbox.register(subscription.getIdElement().getIdPart());
    }
    changed(resource);
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
  public void updated(IBaseResource previous, IBaseResource resource) {
    changed(resource);
  }

  private void changed(IBaseResource resource) {
    if (!(resource instanceof Task task)) {
      return;
    }
    String focus = "Task/" + task.getIdElement().getIdPart();
    Set<String> criteria = new LinkedHashSet<>();
    criterion("owner", task.getOwner()).ifPresent(criteria::add);
    criterion("requester", task.getRequester()).ifPresent(criteria::add);
    for (String criterion : criteria) {
      SearchParameterMap active = SearchParameterMap.newSynchronous()
          .add(Subscription.SP_CRITERIA, new StringParam(criterion).setExact(true))
          .add(Subscription.SP_STATUS, new TokenParam("active"));
      for (IBaseResource subscription : daos.getResourceDao("Subscription").search(active, new SystemRequestDetails())
          .getAllResources()) {
        outbox.enqueue(subscription.getIdElement().getIdPart(), focus);
      }
    }
  }

  private static java.util.Optional<String> criterion(String parameter, Reference reference) {
    return Parties.organizationId(reference).map(site -> "Task?" + parameter + "=Organization/" + site);
  }
}
