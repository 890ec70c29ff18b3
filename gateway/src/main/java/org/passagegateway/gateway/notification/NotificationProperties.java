package org.passagegateway.gateway.notification;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Subscription notifications ({@code passage.notifications.*}).
 *
 * @param pollInterval how often each node looks for notifications due
 * @param initialBackoff the wait before the first retry; it doubles with each failed attempt
 * @param maxBackoff the longest wait between two attempts (retries never stop)
 * @param timeout how long one delivery may take
 * @param batchSize how many notifications a node claims at a time
 * @param trustedCertificates a PEM file of CA certificates to trust for subscribers' endpoints besides
 *     the JDK's (a network's own CA), or none
 * @param allowPrivateAddresses whether a subscriber's endpoint may resolve to a loopback, private or
 *     link-local address (tests and demos on one machine only)
 * @param enabled whether Task changes are announced at all (the rules for Subscriptions apply
 *     either way)
 */
@ConfigurationProperties("passage.notifications")
public record NotificationProperties(
    @DefaultValue("1s") Duration pollInterval,
    @DefaultValue("2s") Duration initialBackoff,
    @DefaultValue("5m") Duration maxBackoff,
    @DefaultValue("10s") Duration timeout,
    @DefaultValue("20") int batchSize,
    Path trustedCertificates,
    @DefaultValue("false") boolean allowPrivateAddresses,
    @DefaultValue("true") boolean enabled) {}
