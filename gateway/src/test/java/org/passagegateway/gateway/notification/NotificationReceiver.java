package org.passagegateway.gateway.notification;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP endpoint for subscription notifications, inside the test, that can refuse the first deliveries. */
final class NotificationReceiver implements AutoCloseable {

  /** One notification as received. */
  record Received(String method, String body, String authorization, String contentType, int answered) {}

  private final HttpServer server;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final AtomicInteger toRefuse = new AtomicInteger();

  private NotificationReceiver(HttpServer server) {
    this.server = server;
  }

  static NotificationReceiver start(int port) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
      NotificationReceiver receiver = new NotificationReceiver(server);
      server.createContext("/hook", exchange -> {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status = receiver.toRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 200;
        receiver.received.add(new Received(exchange.getRequestMethod(), body,
            exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Content-Type"),
            status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
      });
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
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
