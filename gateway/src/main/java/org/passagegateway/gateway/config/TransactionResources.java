package org.passagegateway.gateway.config;

import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A value kept for the current database transaction only (what it has written so far, say):
 * created at first use, forgotten when the transaction ends.
 */
public final class TransactionResources {

  private TransactionResources() {}

  /** The value bound under the key to the current transaction; outside one, a new value no one keeps. */
  @SuppressWarnings("unchecked")
  public static <T> T bound(Object key, Supplier<T> created) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return created.get();
    }
    Object bound = TransactionSynchronizationManager.getResource(key);
    if (bound == null) {
      bound = created.get();
      TransactionSynchronizationManager.bindResource(key, bound);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(key);
        }
      });
    }
    return (T) bound;
  }
}
