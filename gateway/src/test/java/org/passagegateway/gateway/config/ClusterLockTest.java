package org.passagegateway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two nodes (here: two threads, two connections) never hold the same lock at once. */
class ClusterLockTest {

  private JdbcDataSource dataSource;

  @BeforeEach
  void database() throws Exception {
    dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:locks-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
      statement.execute("CREATE TABLE psg_lock (lock_name VARCHAR(64) PRIMARY KEY)");
      statement.execute("INSERT INTO psg_lock VALUES ('work')");
    }
  }

  @Test
  void whenASecondNodeAsksWhileTheFirstHoldsTheLockThenItWaitsUntilTheFirstIsDone() throws Exception {
    ClusterLock lock = new ClusterLock(dataSource);
    List<String> events = new CopyOnWriteArrayList<>();
    CountDownLatch firstInside = new CountDownLatch(1);

    CompletableFuture<Void> first = CompletableFuture.runAsync(() -> lock.run("work", () -> {
      events.add("first in");
      firstInside.countDown();
      pause(300);
      events.add("first out");
      return null;
    }));
    firstInside.await();
    lock.run("work", () -> events.add("second in"));
    first.join();

    assertThat(events).containsExactly("first in", "first out", "second in");
  }

  @Test
  void whenTheLockHasNoRowThenItFailsInsteadOfRunningUnlocked() {
    ClusterLock lock = new ClusterLock(dataSource);

    assertThatThrownBy(() -> lock.run("unknown", () -> "ran"))
        .hasMessageContaining("unknown");
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
