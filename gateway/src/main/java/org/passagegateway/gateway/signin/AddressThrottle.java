package org.passagegateway.gateway.signin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sign-in attempts per network address: at most {@code perMinute} in the minute that began with an
 * address's first attempt, on this node. Accounts are locked after repeated failures as well
 * ({@link PersonAccounts}); this limits guessing across many names from one address.
 */
final class AddressThrottle {

  private final int perMinute;
  private final Cache<String, AtomicInteger> attempts;

  AddressThrottle(int perMinute, Ticker ticker) {
    this.perMinute = perMinute;
    this.attempts = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).maximumSize(100_000)
        .ticker(ticker).build();
  }

  /** Whether an attempt is admitted; the first refused in a window is told apart (it is audited). */
  enum Verdict { ADMITTED, FIRST_REFUSED, REFUSED }

  /** Counts an attempt from the address. */
  Verdict admit(String address) {
    AtomicInteger count = attempts.asMap().computeIfAbsent(address, key -> new AtomicInteger());
    int n = count.incrementAndGet();
    return n <= perMinute ? Verdict.ADMITTED : n == perMinute + 1 ? Verdict.FIRST_REFUSED : Verdict.REFUSED;
  }
}
