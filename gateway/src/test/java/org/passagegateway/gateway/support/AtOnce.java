package org.passagegateway.gateway.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The same work on several threads released together, as nodes starting at one moment would run it. */
public final class AtOnce {

  private AtOnce() {}

  /** Each thread's result, in order; the first failure is thrown. */
  public static <T> List<T> run(int threads, Callable<T> work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier together = new CyclicBarrier(threads);
      List<Future<T>> started = new ArrayList<>();
      for (int thread = 0; thread < threads; thread++) {
        started.add(pool.submit(() -> {
          together.await();
          return work.call();
        }));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> thread : started) {
        results.add(thread.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
