package org.passagegateway.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.MutableClock;

/** The network's size is a daily snapshot by the hundred: one derivation never shows in it. */
class NetworkSizeTest {

  @Test
  void whenWomenAreAddedWithinADayThenTheSizeStaysTheSnapshotUntilTheNextDay() {
    AtomicLong count = new AtomicLong(1_234);
    MutableClock clock = new MutableClock(Instant.parse("2026-12-07T00:00:00Z"));
    NetworkSize size = new NetworkSize(count::get, clock);

    assertThat(size.women()).isEqualTo(1_200);
    count.set(1_301);
    clock.advance(Duration.ofHours(23));
    assertThat(size.women()).isEqualTo(1_200);
    clock.advance(Duration.ofHours(1));
    assertThat(size.women()).isEqualTo(1_300);
  }
}
