package org.passagegateway.gateway.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.gateway.error.PassageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most {@code passage.identity.derivations-per-hour} derivations per client application in an
 * hour from its first (per node): a site that derives pseudonyms far beyond its caseload is
 * guessing UICs, not registering women. Beyond the limit the answer is 429 with {@code
 * Retry-After}, and the client is logged once an hour (its id only).
 */
final class DerivationThrottle {

  private static final Logger log = LoggerFactory.getLogger(DerivationThrottle.class);
  private static final Duration WINDOW = Duration.ofHours(1);

  private final int perHour;
  private final Cache<String, AtomicInteger> counts =
      Caffeine.newBuilder().expireAfterWrite(WINDOW).maximumSize(100_000).build();

  DerivationThrottle(int perHour) {
    this.perHour = perHour;
  }

  /** Counts one derivation by the client, or refuses it. */
  void acquire(String clientId) {
    int count = counts.get(clientId, id -> new AtomicInteger()).incrementAndGet();
    if (count > perHour) {
      if (count == perHour + 1) {
        log.warn("Client {} derived more than {} pseudonyms within an hour and is throttled: a site's caseload rarely"
            + " needs this many", clientId, perHour);
      }
      PassageException throttled = PassageError.DERIVATIONS_THROTTLED.exception();
      throttled.addResponseHeader("Retry-After", Long.toString(WINDOW.toSeconds()));
      throw throttled;
    }
  }
}
