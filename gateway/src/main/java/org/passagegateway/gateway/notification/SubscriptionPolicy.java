package org.passagegateway.gateway.notification;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Subscription;
import org.passagegateway.gateway.config.Stages;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.gateway.security.Callers;

/**
 * A site's Subscriptions follow {@link SubscriptionRules} and go only to an endpoint its
 * Organization registered ({@link SubscriberEndpoints}) (else 422 {@code PASSAGE-4009}), and are
 * active as soon as they are stored, unless the site turns them {@code off}: the gateway needs no
 * handshake, since notifications carry no data. (Custody records on it the purpose of use the site
 * stated: the client's consent decides each notification for that purpose.) Applied to every
 * Subscription stored, alone or as a transaction entry.
 */
@Interceptor
final class SubscriptionPolicy {

  private final SubscriberEndpoints endpoints;

  SubscriptionPolicy(SubscriberEndpoints endpoints) {
    this.endpoints = endpoints;
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = Stages.WORKFLOW)
  public void created(RequestDetails request, IBaseResource resource) {
    check(request, resource);
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = Stages.WORKFLOW)
  public void updated(RequestDetails request, IBaseResource previous, IBaseResource resource) {
    check(request, resource);
  }

  private void check(RequestDetails request, IBaseResource resource) {
    if (!(resource instanceof Subscription subscription)) {
      return;
    }
    Callers.site(request).ifPresent(caller -> {
      String site = caller.organizationId().orElseThrow();
      SubscriptionRules.violation(subscription, site).ifPresent(why -> {
        throw PassageError.SUBSCRIPTION_NOT_ALLOWED.exception(why);
      });
      String address = subscription.getChannel().getEndpoint();
      if (endpoints.registered(site, address).isEmpty()) {
        throw PassageError.SUBSCRIPTION_NOT_ALLOWED.exception("Subscription.channel.endpoint must be the address of an"
            + " active Endpoint that the site's Organization names in the directory");
      }
      if (!endpoints.reachable(address)) {
        throw PassageError.SUBSCRIPTION_NOT_ALLOWED.exception("Subscription.channel.endpoint must not resolve to a"
            + " loopback, private or link-local address");
      }
      if (subscription.getStatus() != Subscription.SubscriptionStatus.OFF) {
        subscription.setStatus(Subscription.SubscriptionStatus.ACTIVE);
      }
    });
  }
}
