package org.passagegateway.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

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

  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
