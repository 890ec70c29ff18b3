package org.passagegateway.gateway.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Notifications never go to an internal address unless the deployment allows it. */
class SubscriberEndpointsTest {

  private final SubscriberEndpoints strict = new SubscriberEndpoints(null, new org.passagegateway.gateway.config.OutboundAddresses(false));

  @Test
  void whenAnEndpointIsLoopbackPrivateLinkLocalOrOtherwiseInternalThenItIsNotReachable() {
    for (String address : List.of("https://127.0.0.1/hook", "https://localhost/hook", "https://10.1.2.3/hook",
        "https://172.16.0.9/hook", "https://192.168.1.1/hook", "https://169.254.169.254/latest/meta-data",
        "https://0.0.0.0/hook", "https://100.64.0.1/hook", "https://[::1]/hook", "https://[fd00::1]/hook",
        "https://[fe80::1]/hook", "https://255.255.255.255/hook", "not a url", "https:///hook")) {
      assertThat(strict.reachable(address)).as(address).isFalse();
    }
  }

  @Test
  void whenAnEndpointIsAPublicAddressThenItIsReachableAndAnyIsWhenInternalOnesAreAllowed() {
    assertThat(strict.reachable("https://93.184.216.34/hook")).isTrue();
    assertThat(strict.reachable("https://[2606:4700::1111]/hook")).isTrue();
    SubscriberEndpoints onOneMachine = new SubscriberEndpoints(null, new org.passagegateway.gateway.config.OutboundAddresses(true));
    assertThat(onOneMachine.reachable("https://127.0.0.1/hook")).isTrue();
  }
}
