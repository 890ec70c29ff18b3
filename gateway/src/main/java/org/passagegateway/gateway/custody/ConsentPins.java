package org.passagegateway.gateway.custody;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.passagegateway.gateway.consent.ConsentVersions;
import org.passagegateway.gateway.error.PassageError;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The consent versions a write was decided under, pinned on its database transaction: just before
 * it commits, each client's version is read again and locked until the commit; if another
 * transaction changed one of her consents meanwhile (a revocation, a new consent), the write fails
 * with 409 {@code PASSAGE-2007} and nothing is written. A consent the transaction writes itself is
 * its own change. Resource versions are pinned by HAPI itself: a write stores the version after
 * the one its checks read, or fails.
 */
final class ConsentPins implements TransactionSynchronization {

  private final ConsentVersions versions;
  private final Map<String, Long> pinned = new HashMap<>();

  private ConsentPins(ConsentVersions versions) {
    this.versions = versions;
  }

  /** Pins the client's consent version as read, if a database transaction that may write is active. */
  static void pin(ConsentVersions versions, String patient, long version) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()
        || TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
      return;
    }
    Object key = ConsentPins.class;
    ConsentPins pins = (ConsentPins) TransactionSynchronizationManager.getResource(key);
    if (pins == null) {
      pins = new ConsentPins(versions);
      TransactionSynchronizationManager.bindResource(key, pins);
      TransactionSynchronizationManager.registerSynchronization(pins);
    }
    pins.pinned.putIfAbsent(patient, version);
  }

  @Override
  public void beforeCommit(boolean readOnly) {
    Set<String> clients = new HashSet<>(pinned.keySet());
    clients.removeAll(versions.writtenInThisTransaction());
    if (clients.isEmpty()) {
      return;
    }
    Map<String, Long> now = versions.lockedOf(clients);
    for (String client : clients) {
      if (!now.get(client).equals(pinned.get(client))) {
        throw PassageError.CHANGED_CONCURRENTLY.exception();
      }
    }
  }

  @Override
  public void afterCompletion(int status) {
    TransactionSynchronizationManager.unbindResourceIfPossible(ConsentPins.class);
  }
}
