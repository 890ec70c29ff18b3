package org.passagegateway.gateway.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RegisteredEndpoints;
import org.passagegateway.gateway.support.RunningGateway;
import org.passagegateway.testdata.ReferralTransactions;

/**
 * A notification that could not be delivered before the gateway stopped is delivered by the
 * next gateway started on the same database: nothing lives only in a node's memory.
 */
class NotificationRestartTest {

  private final Path dataDir = H2GatewayTest.newDataDir();

  @Test
  void whenTheGatewayStopsBeforeTheReceiverIsUpThenTheNextGatewayDeliversTheNotification() throws Exception {
    int port = freePort();
    String taskId;
    try (RunningGateway first = start()) {
      Subscription subscription = new Subscription();
      subscription.setStatus(Subscription.SubscriptionStatus.REQUESTED).setReason("Sent referrals")
          .setCriteria("Task?requester=Organization/hr-1");
      RegisteredEndpoints.register(first.fhirAs("demo-admin"), "hr-1", "https://localhost:" + port + "/hook");
      subscription.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK)
          .setEndpoint("https://localhost:" + port + "/hook");
      first.fhir().create().resource(subscription).execute();
      Bundle sent = first.fhir().transaction().withBundle(ReferralTransactions.newClientReferral(
          first.newPseudonym(), "hr-1", "tb-1", "tb", "presumptive-tb", Instant.now())).execute();
      taskId = sent.getEntry().stream().map(e -> e.getResponse().getLocation())
          .filter(l -> l.startsWith("Task/")).findFirst().orElseThrow().split("/")[1];
      assertThat(first.jdbc().queryForObject("select count(*) from psg_notification where focus = ? and delivered_at is null",
          Integer.class, "Task/" + taskId)).as("not delivered while the receiver is down").isEqualTo(1);
    }

    try (NotificationReceiver receiver = NotificationReceiver.start(port); RunningGateway second = start()) {
      NotificationReceiver.Received notification = receiver.next();
      assertThat(notification.answered()).isEqualTo(200);
      // The receiver has answered; the gateway records the delivery right after, in its own transaction.
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(second.jdbc().queryForObject(
          "select count(*) from psg_notification where focus = ? and delivered_at is not null",
          Integer.class, "Task/" + taskId)).isEqualTo(1));
    }
  }

  private RunningGateway start() {
    return RunningGateway.start(H2GatewayTest.h2Url(dataDir), "sa", "",
        "--passage.notifications.poll-interval=100ms", "--passage.notifications.initial-backoff=200ms",
        "--passage.notifications.max-backoff=1s",
        "--passage.notifications.trusted-certificates=" + NotificationReceiver.CERTIFICATE,
        "--passage.notifications.allow-private-addresses=true");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
