package org.passagegateway.cluster;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.passagegateway.testdata.ReferralTransactions;

/**
 * Referral load from several clients at once, as EHRs send it: each client sends new referrals
 * (client, referral, Task, consent in one transaction) one after another through the load
 * balancer. A referral is sent again, unchanged, after any answer that is not final (no answer, a
 * 502, 503 or 504): every resource in it is a conditional create on its own identifier, so a
 * repeat of a referral that was stored creates nothing. A referral counts as acknowledged when the
 * gateway answered 200 to it.
 */
final class ReferralLoad implements AutoCloseable {

  static final String IDENTIFIER_SYSTEM = "urn:passage:cluster-faults";
  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);

  /** An acknowledged referral: its identifier and the ids the gateway gave its resources. */
  record Acknowledged(String key, Map<String, String> ids, Instant at) {}

  /** A client-visible failure: when, and what (a Passage code, an HTTP status, or no answer). */
  record Failure(Instant at, String what) {}

  private final Network network;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;
  final ConcurrentLinkedQueue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
  /** Referrals the gateway refused outright (a 4xx): none is expected. */
  final ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
  final AtomicInteger started = new AtomicInteger();
  final AtomicInteger requests = new AtomicInteger();
  /** Reads by the site party to nothing: answered (a leak), refused as missing (404 PASSAGE-2001), or anything else. */
  final AtomicInteger leaks = new AtomicInteger();
  final AtomicInteger bystanderRefusals = new AtomicInteger();
  final ConcurrentLinkedQueue<String> bystanderOther = new ConcurrentLinkedQueue<>();
  final AtomicInteger bystanderReads = new AtomicInteger();
  private final AtomicLong latencyNanos = new AtomicLong();
  final Map<String, Boolean> unfinished = new ConcurrentHashMap<>();
  final ConcurrentLinkedQueue<Double> latenciesMs = new ConcurrentLinkedQueue<>();

  ReferralLoad(Network network, int clients, boolean withBystander) {
    this.network = network;
    for (int i = 0; i < clients; i++) {
      Thread thread = new Thread(this::sendReferrals, "referral-client-" + i);
      thread.setDaemon(true);
      threads.add(thread);
    }
    if (withBystander) {
      Thread thread = new Thread(this::readAsBystander, "bystander");
      thread.setDaemon(true);
      threads.add(thread);
    }
    threads.forEach(Thread::start);
  }

  int acknowledgedCount() {
    return acknowledged.size();
  }

  /** Waits until {@code more} further referrals are acknowledged; fails if none comes for {@code stall}. */
  void awaitAcknowledged(int more, Duration stall) {
    int target = acknowledged.size() + more;
    int last = acknowledged.size();
    Instant lastProgress = Instant.now();
    while (acknowledged.size() < target) {
      if (acknowledged.size() > last) {
        last = acknowledged.size();
        lastProgress = Instant.now();
      } else if (Duration.between(lastProgress, Instant.now()).compareTo(stall) > 0) {
        throw new IllegalStateException("no referral acknowledged for " + stall.toSeconds() + " s");
      }
      pause(50);
    }
  }

  private void sendReferrals() {
    while (running) {
      String key = java.util.UUID.randomUUID().toString();
      started.incrementAndGet();
      unfinished.put(key, Boolean.TRUE);
      Instant deadline = Instant.now().plus(GIVE_UP_AFTER);
      String pseudonym = null;
      String body = null;
      while (running || body != null) {
        if (Instant.now().isAfter(deadline)) {
          refused.add(key + ": gave up");
          break;
        }
        if (pseudonym == null) {
          Client.Answer answer = timed(() -> network.sender.send(network.base, "POST", "/fhir/Patient/$pseudonym",
              "application/fhir+json", uic(key)), false);
          if (answer.ok()) {
            pseudonym = pseudonymIn(answer.body());
            body = referral(key, pseudonym);
            continue;
          }
          if (!retryable(answer, key)) {
            break;
          }
          if (!running) {
            break; // not sent yet: nothing to finish
          }
          continue;
        }
        String sent = body;
        Client.Answer answer = timed(() -> network.sender.send(network.base, "POST", "/fhir", "application/fhir+json", sent), true);
        if (answer.ok()) {
          acknowledged.add(new Acknowledged(key, idsIn(answer.body()), Instant.now()));
          break;
        }
        if (!retryable(answer, key)) {
          break;
        }
      }
      unfinished.remove(key);
    }
  }

  /** Sends and counts a request; the latency of an answered referral transaction is kept. */
  private Client.Answer timed(java.util.function.Supplier<Client.Answer> call, boolean transaction) {
    long started = System.nanoTime();
    Client.Answer answer = call.get();
    long took = System.nanoTime() - started;
    requests.incrementAndGet();
    if (answer.ok() && transaction) {
      latencyNanos.addAndGet(took);
      latenciesMs.add(took / 1e6);
    }
    return answer;
  }

  /** Records a failure; true when the request should be sent again (after a second). */
  private boolean retryable(Client.Answer answer, String key) {
    failures.add(new Failure(Instant.now(), answer.error()));
    boolean transientFailure = answer.status() < 0 || answer.status() == 502 || answer.status() == 503 || answer.status() == 504;
    if (!transientFailure) {
      refused.add(key + ": " + answer.error());
      return false;
    }
    pause(1000);
    return true;
  }

  /** The antenatal clinic, party to none of the referrals, reads acknowledged ones through the load balancer. */
  private void readAsBystander() {
    while (running) {
      List<Acknowledged> known = new ArrayList<>(acknowledged);
      if (known.isEmpty()) {
        pause(100);
        continue;
      }
      Acknowledged target = known.get(ThreadLocalRandom.current().nextInt(known.size()));
      for (String type : List.of("Task", "ServiceRequest", "Patient")) {
        Client.Answer answer = network.bystander.get(network.base, "/fhir/" + type + "/" + target.ids().get(type));
        bystanderReads.incrementAndGet();
        if (answer.ok() || (answer.body() != null && answer.body().contains(target.ids().get(type)))) {
          leaks.incrementAndGet();
        } else if (answer.status() == 404 && "PASSAGE-2001".equals(answer.error())) {
          bystanderRefusals.incrementAndGet();
        } else if (answer.status() > 0 && answer.status() != 502 && answer.status() != 503 && answer.status() != 504) {
          bystanderOther.add(type + ": " + answer.error());
        }
      }
      pause(50);
    }
  }

  private static String uic(String key) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    // Made-up answers, distinct per referral (a new woman each time), the same on every repeat.
    int h = key.hashCode();
    String mother = "" + (char) ('A' + Math.floorMod(h, 26)) + (char) ('a' + Math.floorMod(h >> 5, 26)) + (char) ('a' + Math.floorMod(h >> 10, 26));
    String given = "" + (char) ('A' + Math.floorMod(h >> 15, 26)) + (char) ('a' + Math.floorMod(h >> 20, 26)) + (char) ('a' + Math.floorMod(h >> 25, 26));
    random.nextInt();
    return "{\"resourceType\":\"Parameters\",\"parameter\":["
        + "{\"name\":\"mother-given-name\",\"valueString\":\"" + mother + "\"},"
        + "{\"name\":\"given-name\",\"valueString\":\"" + given + "\"},"
        + "{\"name\":\"sex\",\"valueString\":\"F\"},"
        + "{\"name\":\"birth-year\",\"valueString\":\"" + (1960 + Math.floorMod(h >> 3, 46)) + "\"},"
        + "{\"name\":\"birth-month\",\"valueString\":\"" + (1 + Math.floorMod(h >> 7, 12)) + "\"}]}";
  }

  private static String pseudonymIn(String body) {
    try {
      return JSON.readTree(body).path("parameter").get(0).path("valueIdentifier").path("value").asText();
    } catch (IOException e) {
      throw new IllegalStateException("no pseudonym in the answer", e);
    }
  }

  /** The referral transaction, each resource a conditional create on its own identifier. */
  static String referral(String key, String pseudonym) {
    Bundle bundle = ReferralTransactions.newClientReferral(pseudonym, Network.SENDER, Network.RECEIVER, "tb",
        "presumptive-tb", Instant.now());
    for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
      Resource resource = entry.getResource();
      if (resource instanceof Patient patient) {
        Identifier pseudonymId = patient.getIdentifierFirstRep();
        entry.getRequest().setIfNoneExist("identifier=" + pseudonymId.getSystem() + "|" + pseudonymId.getValue());
      } else if (resource instanceof ServiceRequest referral) {
        referral.addIdentifier(new Identifier().setSystem(IDENTIFIER_SYSTEM).setValue(key));
        entry.getRequest().setIfNoneExist("identifier=" + IDENTIFIER_SYSTEM + "|" + key);
      } else if (resource instanceof Task task) {
        task.addIdentifier(new Identifier().setSystem(IDENTIFIER_SYSTEM).setValue(key));
        entry.getRequest().setIfNoneExist("identifier=" + IDENTIFIER_SYSTEM + "|" + key);
      } else if (resource instanceof Consent consent) {
        consent.addIdentifier(new Identifier().setSystem(IDENTIFIER_SYSTEM).setValue(key));
        entry.getRequest().setIfNoneExist("identifier=" + IDENTIFIER_SYSTEM + "|" + key);
      }
    }
    return FHIR.newJsonParser().encodeResourceToString(bundle);
  }

  /** Type → id of each resource in a transaction-response. */
  private static Map<String, String> idsIn(String body) {
    Map<String, String> ids = new java.util.HashMap<>();
    try {
      for (JsonNode entry : JSON.readTree(body).path("entry")) {
        String[] location = entry.path("response").path("location").asText("").split("/");
        if (location.length >= 2) {
          ids.put(location[0], location[1]);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("unreadable transaction-response", e);
    }
    return ids;
  }

  double meanLatencyMs() {
    return latenciesMs.isEmpty() ? 0 : latencyNanos.get() / 1e6 / latenciesMs.size();
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops starting referrals; waits for those in flight to be acknowledged or given up. */
  @Override
  public void close() {
    running = false;
    for (Thread thread : threads) {
      try {
        thread.join(GIVE_UP_AFTER.toMillis() + 30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
