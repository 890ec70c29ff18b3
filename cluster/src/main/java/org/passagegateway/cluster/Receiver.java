package org.passagegateway.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A site's notification receiver (its EHR's rest-hook endpoint), on loopback over HTTPS: keeps
 * the Task each notification names, by the id the gateway puts on every delivery of it, and
 * counts repeats. Answers 200 to everything well-formed.
 */
final class Receiver implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpsServer server;
  /** Notification id → the Task it names. */
  private final Map<String, String> byId = new ConcurrentHashMap<>();
  private final Set<String> tasks = ConcurrentHashMap.newKeySet();
  private final AtomicInteger deliveries = new AtomicInteger();
  private final AtomicInteger withoutId = new AtomicInteger();
  private final AtomicInteger conflicting = new AtomicInteger();

  Receiver(Path keystore) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, "receiver".toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, "receiver".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/hook", exchange -> {
      try (exchange) {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String id = exchange.getRequestHeaders().getFirst("Passage-Notification-Id");
        String task = focus(body);
        deliveries.incrementAndGet();
        if (id == null || task == null) {
          withoutId.incrementAndGet();
        } else {
          String earlier = byId.putIfAbsent(id, task);
          if (earlier != null && !earlier.equals(task)) {
            conflicting.incrementAndGet();
          }
          tasks.add(task);
        }
        exchange.sendResponseHeaders(200, -1);
      }
    });
    server.start();
  }

  String address() {
    return "https://localhost:" + server.getAddress().getPort() + "/hook";
  }

  /** The Tasks named by at least one notification. */
  Set<String> tasksNotified() {
    return Set.copyOf(tasks);
  }

  int deliveries() {
    return deliveries.get();
  }

  /** Deliveries beyond the first of the same notification (told apart by its id). */
  int repeats() {
    return deliveries.get() - withoutId.get() - byId.size();
  }

  /** Deliveries without an id or without a Task: a receiver could not de-duplicate them. */
  int withoutId() {
    return withoutId.get();
  }

  /** Two deliveries with one id naming different Tasks (an id reused): never expected. */
  int conflicting() {
    return conflicting.get();
  }

  /** The Task an id-only notification names: the history Bundle's entry that is not the SubscriptionStatus. */
  private static String focus(byte[] body) {
    try {
      for (JsonNode entry : JSON.readTree(body).path("entry")) {
        String url = entry.path("request").path("url").asText("");
        if (url.startsWith("Task/")) {
          return url;
        }
      }
      return null;
    } catch (IOException malformed) {
      return null;
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
