package org.passagegateway.gateway.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Sign-in attempts per address and minute, on a clock the test moves. */
class AddressThrottleTest {

  private final AtomicLong nanos = new AtomicLong();
  private final AddressThrottle throttle = new AddressThrottle(3, nanos::get);

  @Test
  void whenAnAddressTriesMoreThanItsShareInAMinuteThenTheRestAreRefusedUntilTheMinuteIsOver() {
    assertThat(throttle.admit("10.0.0.1")).isEqualTo(AddressThrottle.Verdict.ADMITTED);
    assertThat(throttle.admit("10.0.0.1")).isEqualTo(AddressThrottle.Verdict.ADMITTED);
    assertThat(throttle.admit("10.0.0.1")).isEqualTo(AddressThrottle.Verdict.ADMITTED);
    assertThat(throttle.admit("10.0.0.1")).as("audited").isEqualTo(AddressThrottle.Verdict.FIRST_REFUSED);
    assertThat(throttle.admit("10.0.0.1")).as("not audited again").isEqualTo(AddressThrottle.Verdict.REFUSED);
    assertThat(throttle.admit("10.0.0.2")).as("another address has its own share").isEqualTo(AddressThrottle.Verdict.ADMITTED);

    nanos.addAndGet(Duration.ofSeconds(61).toNanos());

    assertThat(throttle.admit("10.0.0.1")).isEqualTo(AddressThrottle.Verdict.ADMITTED);
  }
}
