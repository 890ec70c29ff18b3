package org.passagegateway.gateway.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * How many women the network knows, as the collision estimate uses it: a snapshot of the number of
 * current pseudonyms, rounded down to the hundred and taken at most once a day. Never the live
 * count: a site could otherwise derive made-up women until the count was about to change, then
 * derive her, and learn from the answer whether anyone had derived her before.
 */
final class NetworkSize {

  static final Duration REFRESH = Duration.ofDays(1);

  private final LongSupplier count;
  private final Clock clock;
  private long women = -1;
  private Instant takenAt = Instant.MIN;

  NetworkSize(LongSupplier count, Clock clock) {
    this.count = count;
    this.clock = clock;
  }

  synchronized long women() {
    Instant now = clock.instant();
    if (women < 0 || !now.isBefore(takenAt.plus(REFRESH))) {
      women = count.getAsLong() / 100 * 100;
      takenAt = now;
    }
    return women;
  }
}
