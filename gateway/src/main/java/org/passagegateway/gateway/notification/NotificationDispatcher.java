package org.passagegateway.gateway.notification;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Delivers the outbox's notifications: every poll interval each gateway node claims the
 * notifications due (a lease, so one node sends each) and POSTs them to the subscriber's
 * registered endpoint, with that Endpoint's headers: an empty body, or for an id-only subscription a
 * {@code history} Bundle whose SubscriptionStatus names the Task that changed (Subscriptions R5
 * Backport), and only while the client's consent lets the subscribing site see that Task (decided
 * at delivery, so a notification queued before a revocation is not sent after it). A failure is retried after a back-off that doubles up to a cap, never given up;
 * an undelivered notification survives a restart of every node.
 */
final class NotificationDispatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

  /** The header naming the notification, the same on each delivery of it. */
  static final String NOTIFICATION_ID_HEADER = "Passage-Notification-Id";

  private final NotificationOutbox outbox;
  private final DaoRegistry daos;
  private final FhirContext fhirContext;
  private final NotificationProperties properties;
  private final Clock clock;
  private final SubscriberConsent consent;
  private final SubscriberEndpoints endpoints;
  private final HttpClient http;
  private ScheduledExecutorService executor;

  NotificationDispatcher(NotificationOutbox outbox, DaoRegistry daos, FhirContext fhirContext,
      NotificationProperties properties, Clock clock, SubscriberConsent consent, SubscriberEndpoints endpoints) {
    this.consent = consent;
    this.endpoints = endpoints;
    this.outbox = outbox;
    this.daos = daos;
    this.fhirContext = fhirContext;
    this.properties = properties;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).followRedirects(HttpClient.Redirect.NEVER)
        .sslContext(SubscriberTrust.context(properties.trustedCertificates())).build();
  }

  @Override
  public synchronized void start() {
    executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "passage-notifications");
      thread.setDaemon(true);
      return thread;
    });
    long every = properties.pollInterval().toMillis();
    executor.scheduleWithFixedDelay(this::deliverDue, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }

  /** One round: claim what is due and try to deliver each. Never throws (the schedule would stop). */
  void deliverDue() {
    try {
      for (NotificationOutbox.Due due : outbox.claimDue(properties.batchSize(), properties.timeout().multipliedBy(3))) {
        deliver(due);
      }
    } catch (RuntimeException e) {
      log.warn("Notification round failed ({}); the notifications stay due", e.getClass().getSimpleName());
    }
  }

  private void deliver(NotificationOutbox.Due due) {
    Subscription subscription;
    try {
      subscription = (Subscription) daos.getResourceDao("Subscription")
          .read(new IdType("Subscription", due.subscriptionId()), new SystemRequestDetails());
    } catch (ResourceNotFoundException | ResourceGoneException gone) {
      outbox.delivered(due, "subscription gone");
      return;
    }
    if (subscription.getStatus() != Subscription.SubscriptionStatus.ACTIVE) {
      outbox.delivered(due, "subscription " + subscription.getStatus().toCode());
      return;
    }
    if (!consent.permits(subscription, due.focus())) {
      outbox.delivered(due, "withheld");
      return;
    }
    // Checked again at each delivery: the Endpoint may have been retired, or its name may now
    // resolve to an internal address.
    String address = subscription.getChannel().getEndpoint();
    Optional<Endpoint> endpoint = endpoints.registered(SubscriptionRules.subscriber(subscription), address);
    if (endpoint.isEmpty() || !endpoints.reachable(address)) {
      retry(due, "endpoint not registered or not reachable");
      return;
    }
    try {
      HttpResponse<Void> response = http.send(request(subscription, endpoint.get(), due),
          HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 == 2) {
        outbox.delivered(due, "HTTP " + response.statusCode());
      } else {
        retry(due, "HTTP " + response.statusCode());
      }
    } catch (IOException | IllegalArgumentException unreachable) {
      retry(due, "unreachable");
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void retry(NotificationOutbox.Due due, String status) {
    long factor = 1L << Math.min(due.attempts(), 20);
    Duration wait = properties.initialBackoff().multipliedBy(factor);
    if (wait.compareTo(properties.maxBackoff()) > 0) {
      wait = properties.maxBackoff();
    }
    outbox.retryLater(due, clock.instant().plus(wait), status);
    log.debug("Notification {} not delivered ({}); next attempt in {}", due.id(), status, wait);
  }

  private HttpRequest request(Subscription subscription, Endpoint endpoint, NotificationOutbox.Due due) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.getAddress()))
        .timeout(properties.timeout());
    for (StringType header : endpoint.getHeader()) {
      int colon = header.getValue() == null ? -1 : header.getValue().indexOf(':');
      if (colon > 0) {
        request.header(header.getValue().substring(0, colon).trim(), header.getValue().substring(colon + 1).trim());
      }
    }
    // The same id on every attempt to deliver this notification, from whichever node: a receiver
    // that got it twice (a node lost its lease mid-delivery) knows the second for a repeat.
    request.setHeader(NOTIFICATION_ID_HEADER, due.id());
    if (!SubscriptionRules.idOnly(subscription)) {
      return request.POST(HttpRequest.BodyPublishers.noBody()).build();
    }
    String body = fhirContext.newJsonParser().encodeResourceToString(idOnly(due));
    return request.header("Content-Type", SubscriptionRules.FHIR_JSON).POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  /** An id-only notification: a history Bundle of a SubscriptionStatus and the Task's id, no resource. */
  private Bundle idOnly(NotificationOutbox.Due due) {
    Parameters status = new Parameters();
    status.setId(UUID.randomUUID().toString());
    status.addParameter().setName("subscription").setValue(new Reference("Subscription/" + due.subscriptionId()));
    status.addParameter().setName("status").setValue(new CodeType("active"));
    status.addParameter().setName("type").setValue(new CodeType("event-notification"));
    status.addParameter().setName("events-since-subscription-start").setValue(new StringType(Long.toString(due.eventNumber())));
    Parameters.ParametersParameterComponent event = status.addParameter().setName("notification-event");
    event.addPart().setName("event-number").setValue(new StringType(Long.toString(due.eventNumber())));
    event.addPart().setName("focus").setValue(new Reference(due.focus()));
    Bundle bundle = new Bundle().setType(Bundle.BundleType.HISTORY);
    bundle.setTimestamp(java.util.Date.from(clock.instant()));
    bundle.addEntry().setFullUrl("urn:uuid:" + status.getId()).setResource(status).getRequest()
        .setMethod(Bundle.HTTPVerb.GET).setUrl("Subscription/" + due.subscriptionId() + "/$status");
    bundle.addEntry().getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(due.focus());
    return bundle;
  }
}
