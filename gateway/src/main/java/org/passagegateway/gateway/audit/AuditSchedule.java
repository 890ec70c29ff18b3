package org.passagegateway.gateway.audit;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Each node sequences committed audit events every {@code passage.audit.sequence-interval} and
 * signs a checkpoint every {@code passage.audit.checkpoint-interval}; the head row's lock makes
 * the nodes take turns, so running on all of them is safe and keeps the log moving if one stops.
 */
final class AuditSchedule implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(AuditSchedule.class);

  private final AuditSequencer sequencer;
  private final AuditProperties properties;
  private ScheduledExecutorService executor;

  AuditSchedule(AuditSequencer sequencer, AuditProperties properties) {
    this.sequencer = sequencer;
    this.properties = properties;
  }

  @Override
  public synchronized void start() {
    if (!properties.scheduled()) {
      return;
    }
    executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "passage-audit");
      thread.setDaemon(true);
      return thread;
    });
    long sequenceEvery = properties.sequenceInterval().toMillis();
    long checkpointEvery = properties.checkpointInterval().toMillis();
    executor.scheduleWithFixedDelay(() -> safely(sequencer::sequence, "sequencing"), sequenceEvery, sequenceEvery,
        TimeUnit.MILLISECONDS);
    executor.scheduleWithFixedDelay(() -> safely(sequencer::checkpoint, "checkpoint"), checkpointEvery, checkpointEvery,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }

  /** Never throws: an exception would end the schedule. The events stay for the next round. */
  private static void safely(Runnable round, String what) {
    try {
      round.run();
    } catch (RuntimeException e) {
      log.warn("Audit {} failed ({}); it is retried in the next round", what, e.getClass().getSimpleName());
    }
  }
}
