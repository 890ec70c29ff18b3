package org.passagegateway.gateway.notification;

import org.passagegateway.gateway.config.OutboundAddresses;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Clock;
import org.passagegateway.gateway.config.RestfulServerCustomizer;
import org.passagegateway.gateway.custody.Visibility;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Wires subscription notifications: the rules for a site's Subscriptions, the outbox and its dispatcher. */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

  @Bean
  NotificationOutbox notificationOutbox(JdbcTemplate jdbc, IInterceptorService interceptors, DaoRegistry daos,
      NotificationProperties properties) {
    NotificationOutbox outbox = new NotificationOutbox(jdbc, Clock.systemUTC());
    if (properties.enabled()) {
      // On HAPI's own broadcaster: every Task change notifies, whoever makes it.
      interceptors.registerInterceptor(new TaskNotifications(daos, outbox));
    }
    return outbox;
  }

  @Bean
  SubscriberEndpoints subscriberEndpoints(DaoRegistry daos, NotificationProperties properties) {
    return new SubscriberEndpoints(daos, new OutboundAddresses(properties.allowPrivateAddresses()));
  }

  @Bean
  NotificationDispatcher notificationDispatcher(NotificationOutbox outbox, DaoRegistry daos, FhirContext fhirContext,
      NotificationProperties properties, Visibility visibility, SubscriberEndpoints endpoints) {
    return new NotificationDispatcher(outbox, daos, fhirContext, properties, Clock.systemUTC(),
        new SubscriberConsent(daos, visibility), endpoints);
  }

  @Bean
  RestfulServerCustomizer notificationCustomizer(NotificationProperties properties, SubscriberEndpoints endpoints) {
    return server -> server.registerInterceptor(new SubscriptionPolicy(endpoints));
  }
}
