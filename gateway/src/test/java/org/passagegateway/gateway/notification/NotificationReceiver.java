package org.passagegateway.gateway.notification;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A real HTTPS endpoint for subscription notifications, inside the test, that can refuse the first
 * deliveries. Its certificate (src/test/resources/notification, for localhost and 127.0.0.1) is
 * the one the tests' gateways are told to trust (passage.notifications.trusted-certificates).
 */
final class NotificationReceiver implements AutoCloseable {

  /** One notification as received. */
  record Received(String method, String body, String authorization, String contentType, int answered, String notificationId) {}

  static final Path CERTIFICATE = Path.of("src/test/resources/notification/receiver-cert.pem");
  private static final Path KEY_STORE = Path.of("src/test/resources/notification/receiver.p12");
  private static final char[] PASSWORD = "receiver-test-only".toCharArray();

  private final HttpsServer server;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final AtomicInteger toRefuse = new AtomicInteger();

  private NotificationReceiver(HttpsServer server) {
    this.server = server;
  }

  static NotificationReceiver start(int port) {
    try {
      HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(tls()));
      NotificationReceiver receiver = new NotificationReceiver(server);
      server.createContext("/hook", exchange -> {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status = receiver.toRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 200;
        receiver.received.add(new Received(exchange.getRequestMethod(), body,
            exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Content-Type"),
            status, exchange.getRequestHeaders().getFirst("Passage-Notification-Id")));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
      });
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static SSLContext tls() {
    try (InputStream in = Files.newInputStream(KEY_STORE)) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(in, PASSWORD);
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(keys, PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(factory.getKeyManagers(), null, null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  String endpoint() {
    return "https://localhost:" + server.getAddress().getPort() + "/hook";
  }

  /** Answers 503 to the next {@code count} deliveries. */
  void refuseNext(int count) {
    toRefuse.set(count);
  }

  /** The next delivery, waiting up to 30 s for it; fails the test if none comes. */
  /** How many notifications arrived and were not taken with {@link #next()} yet. */
  int waiting() {
    return received.size();
  }

  Received next() throws InterruptedException {
    Received next = received.poll(30, TimeUnit.SECONDS);
    if (next == null) {
      throw new AssertionError("no notification arrived within 30 s");
    }
    return next;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
