package org.passagegateway.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs numbered jobs on a pool's threads, each thread taking the next number, and times them. */
final class ParallelJobs {

  /** One job of a run, given its number. */
  interface Job {
    void run(int index) throws Exception;
  }

  private ParallelJobs() {}

  /** Runs jobs {@code 0 .. count-1} on {@code threads} threads; returns jobs per second. */
  static double run(ExecutorService pool, int threads, int count, Job job) throws Exception {
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> workers = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      workers.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
          job.run(i);
        }
        return null;
      }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    return count / ((System.nanoTime() - start) / 1e9);
  }
}
