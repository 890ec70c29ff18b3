package org.passagegateway.bench;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.passagegateway.testdata.ReferralTransactions;

/**
 * What the referral workflow costs (issue 5), against two gateways from the same jar, each on its
 * own H2 database: one as shipped (access control, validation, workflow rules, notifications), one
 * with Passage's own checks switched off ({@code passage.benchmark.checks-off}, which the gateway
 * allows only with the demo network on the embedded database).
 *
 * <ul>
 *   <li>Referral transactions (a new client, her referral, its Task and her consent) per second
 *       and their p50/p99 latency, with concurrent clients, in alternating rounds.
 *   <li>Inbox query latency ({@code Task?owner=...&status=requested&_include=Task:focus
 *       &_sort=-authored-on}) as the number of Tasks grows, for an owner whose backlog stays constant while its
 *       history grows and for one whose backlog grows with the database: Tasks are added in bulk through the
 *       unchecked gateway (with the parties the checked one would record); both gateways are then
 *       restarted, the checked one on a copy of that database, and the inbox is queried on both.
 * </ul>
 *
 * <p>Prints its figures; asserts nothing. Run with {@code bench/referral.sh}.
 */
public final class ReferralBenchmark {

  private static final FhirContext FHIR = FhirContext.forR4Cached();
  /**
   * Whether each referral transaction carries the client's Consent (-DwithConsent=false: Patient,
   * ServiceRequest, Task, the HAPI starter's shape, against a gateway whose consent enforcement is
   * off, since such a referral is otherwise refused).
   */
  private static final boolean WITH_CONSENT = Boolean.parseBoolean(System.getProperty("withConsent", "true"));
  private static final List<String> OWNERS = List.of("anc-1", "tb-1", "shelter-1", "ost-1", "hr-1");
  /** The owner whose backlog grows with the database: a fifth of its Tasks stay requested. */
  private static final String GROWING = "anc-1";
  /** Beyond the first {@value #BACKLOG_UNTIL} Tasks, everything else is history (completed). */
  private static final int BACKLOG_UNTIL = 10_000;

  /**
   * The owners whose inboxes are measured, with a service each may be referred for: their seeded
   * Tasks are the referrals of clients whose consents let them see them, as every referral the
   * checked gateway accepts is (it refuses one to a site her consent does not name, PASSAGE-5002).
   */
  private static final Map<String, String[]> MEASURED = Map.of("anc-1", new String[] {"prenatal-care", "pregnancy-care"},
      "tb-1", new String[] {"tb", "presumptive-tb"});
  /** Clients referred to each measured owner before seeding. */
  private static final int CLIENTS_PER_OWNER = 5;

  private final HttpClient http = HttpClient.newHttpClient();
  /** By measured owner, the references of her clients' records: {Patient/..., ServiceRequest/...}. */
  private final Map<String, List<String[]>> referred = new HashMap<>();

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = Arrays.stream(System.getProperty("taskCounts", "10000,1000000").split(","))
        .map(String::trim).map(Integer::parseInt).toList();
    new ReferralBenchmark().run(GatewayProcess.jar(),
        Integer.getInteger("threads", 4), Integer.getInteger("warmup", 200), Integer.getInteger("rounds", 5),
        Integer.getInteger("perRound", 200), sizes, Integer.getInteger("inboxQueries", 300));
  }

  private void run(Path jar, int threads, int warmup, int rounds, int perRound, List<Integer> sizes, int inboxQueries)
      throws Exception {
    System.out.printf(Locale.ROOT, "referral benchmark on H2: %d client threads; warm-up %d, %d rounds of %d "
        + "referral transactions per gateway; inbox at %s Tasks, %d queries each%n", threads, warmup, rounds, perRound,
        sizes, inboxQueries);
    System.out.println("gateway JVM options: " + String.join(" ", GatewayProcess.jvmOptions())
        + "; referral transactions " + (WITH_CONSENT ? "with" : "without") + " the client's Consent");
    List<String> checkedArguments = new ArrayList<>();
    String extra = System.getProperty("checkedArguments", "").trim();
    if (!extra.isEmpty()) {
      checkedArguments.addAll(List.of(extra.split("\\s+")));
      System.out.println("checked gateway's own arguments: " + extra);
    }
    if (!WITH_CONSENT) {
      // A referral without the client's consent is refused (422) where consent is enforced.
      checkedArguments.add(GatewayProcess.checksOff("consent"));
      System.out.println("without a Consent the checked gateway runs with passage.benchmark.checks-off=consent");
    }
    List<String> unchecked = List.of(GatewayProcess.checksOff("access-control", "profiles", "workflow", "identity"),
        "--passage.notifications.enabled=false");
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    GatewayProcess checked = GatewayProcess.start(jar, "checked", checkedArguments);
    GatewayProcess open = GatewayProcess.start(jar, "unchecked", unchecked);
    try {
      BenchTokens sender = new BenchTokens(http, checked.base(), "demo-site-hr-1",
          "system/Patient.crus system/ServiceRequest.crus system/Task.crus system/Consent.crus");
      referrals(pool, threads, checked, open, sender, warmup, rounds, perRound);
      referClients(open);
      int tasks = count(open);
      for (int size : sizes) {
        long start = System.nanoTime();
        tasks = seed(pool, threads, open, tasks, size);
        System.out.printf(Locale.ROOT, "seeded to %d Tasks in %.0f s%n", tasks, (System.nanoTime() - start) / 1e9);
        checked.close();
        open.close();
        Path copy = BenchFolders.create("passage-bench-checked-" + size + "-");
        copyTree(open.folder().resolve("data"), copy.resolve("data"));
        open = GatewayProcess.startIn(jar, open.folder(), unchecked);
        checked = GatewayProcess.startIn(jar, copy, checkedArguments);
        BenchTokens anc = new BenchTokens(http, checked.base(), "demo-site-anc-1", "system/Task.rs system/ServiceRequest.rs");
        BenchTokens tb = new BenchTokens(http, checked.base(), "demo-site-tb-1", "system/Task.rs system/ServiceRequest.rs");
        inbox("tb-1 (backlog constant, history grows)", inboxOf("tb-1"), checked, open, tb, tasks, inboxQueries);
        inbox("anc-1 (backlog grows with the database)", inboxOf(GROWING), checked, open, anc, tasks, inboxQueries);
      }
    } finally {
      pool.shutdown();
      checked.close();
      open.close();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  private void referrals(ExecutorService pool, int threads, GatewayProcess checked, GatewayProcess open, BenchTokens sender,
      int warmup, int rounds, int perRound) throws Exception {
    referralRound(pool, threads, checked, sender, warmup, new ArrayList<>());
    referralRound(pool, threads, open, null, warmup, new ArrayList<>());
    List<Double> latencyChecked = Collections.synchronizedList(new ArrayList<>());
    List<Double> latencyOpen = Collections.synchronizedList(new ArrayList<>());
    List<Double> tpsChecked = new ArrayList<>();
    List<Double> tpsOpen = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      tpsChecked.add(referralRound(pool, threads, checked, sender, perRound, latencyChecked));
      tpsOpen.add(referralRound(pool, threads, open, null, perRound, latencyOpen));
      System.out.printf(Locale.ROOT, "round %d: checked %.1f tx/s, unchecked %.1f tx/s%n", round,
          tpsChecked.get(round - 1), tpsOpen.get(round - 1));
    }
    System.out.printf(Locale.ROOT, "referral transactions (median of rounds): checked %.1f tx/s (p50 %.1f ms, p99 %.1f ms), "
        + "unchecked %.1f tx/s (p50 %.1f ms, p99 %.1f ms)%n",
        Percentiles.of(tpsChecked, 50), Percentiles.of(latencyChecked, 50), Percentiles.of(latencyChecked, 99),
        Percentiles.of(tpsOpen, 50), Percentiles.of(latencyOpen, 50), Percentiles.of(latencyOpen, 99));
    // The targets, as ratios of this run: checked >= 0.9x the unchecked rate, p99 <= 2x p50.
    System.out.printf(Locale.ROOT, "referral transactions, checked / unchecked: %.2fx the rate (target >= 0.9); "
        + "checked p99 / p50 %.2f (target <= 2)%n", Percentiles.of(tpsChecked, 50) / Percentiles.of(tpsOpen, 50),
        Percentiles.of(latencyChecked, 99) / Percentiles.of(latencyChecked, 50));
  }

  private double referralRound(ExecutorService pool, int threads, GatewayProcess gateway, BenchTokens tokens, int count,
      List<Double> latencies) throws Exception {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      // The unchecked gateway issues no pseudonyms (its identity check is off, and $pseudonym needs a site's token).
      Bundle referral = ReferralTransactions.newClientReferral(tokens == null ? "PSN-BENCH-" + UUID.randomUUID()
          : tokens.pseudonym(), "hr-1", "anc-1", "prenatal-care", "pregnancy-care", Instant.now());
      if (!WITH_CONSENT) {
        referral.getEntry().removeIf(entry -> entry.getResource() instanceof Consent);
      }
      if (tokens == null) {
        // The parties the checked gateway records, so that the inbox measured later on a copy of
        // this database shows the checked gateway these referrals as it would have recorded them.
        referral.getEntry().forEach(entry -> tagParties(entry.getResource().getMeta(), "hr-1", "anc-1"));
      }
      bodies.add(FHIR.newJsonParser().encodeResourceToString(referral));
    }
    return ParallelJobs.run(pool, threads, count, i -> {
      long sent = System.nanoTime();
      post(gateway, bodies.get(i), tokens);
      latencies.add((System.nanoTime() - sent) / 1e6);
    });
  }

  /**
   * Refers {@value #CLIENTS_PER_OWNER} new clients to each measured owner, each with her consent,
   * through the unchecked gateway (whose database the checked one gets a copy of), with the parties
   * the checked one records.
   */
  private void referClients(GatewayProcess open) throws Exception {
    for (Map.Entry<String, String[]> owner : MEASURED.entrySet()) {
      List<String[]> clients = new ArrayList<>();
      for (int i = 0; i < CLIENTS_PER_OWNER; i++) {
        Bundle referral = ReferralTransactions.newClientReferral("PSN-BENCH-" + UUID.randomUUID(), "hr-1",
            owner.getKey(), owner.getValue()[0], owner.getValue()[1], Instant.now());
        for (Bundle.BundleEntryComponent entry : referral.getEntry()) {
          tagParties(entry.getResource().getMeta(), "hr-1", owner.getKey());
        }
        Bundle answer = FHIR.newJsonParser().parseResource(Bundle.class,
            post(open, FHIR.newJsonParser().encodeResourceToString(referral), null));
        clients.add(new String[] {location(answer, "Patient/"), location(answer, "ServiceRequest/")});
      }
      referred.put(owner.getKey(), clients);
    }
  }

  /** The tags the checked gateway records on a referral's resources: its custodian, and both sites as parties. */
  private static void tagParties(Meta meta, String custodian, String owner) {
    meta.addTag("https://passage-gateway.org/fhir/sid/custodian", custodian, null);
    meta.addTag("https://passage-gateway.org/fhir/sid/party", custodian, null);
    meta.addTag("https://passage-gateway.org/fhir/sid/party", owner, null);
  }

  private static String location(Bundle answer, String type) {
    return answer.getEntry().stream().map(entry -> entry.getResponse().getLocation()).filter(at -> at.startsWith(type))
        .map(at -> at.replaceFirst("/_history/.*", "")).findFirst().orElseThrow();
  }

  /** Adds Tasks through the unchecked gateway, with the tags the checked one records, until there are {@code target}. */
  private int seed(ExecutorService pool, int threads, GatewayProcess open, int current, int target) throws Exception {
    int batch = 500;
    int batches = Math.max(0, (target - current + batch - 1) / batch);
    Random random = new Random(target);
    List<Long> seeds = new ArrayList<>();
    for (int i = 0; i < batches; i++) {
      seeds.add(random.nextLong());
    }
    // Batches of 500 Tasks for the same five clients, four at a time, can deadlock on the clients'
    // rows; the gateway answers 409 (PASSAGE-2003) and, as any client would, the batch is sent again.
    ParallelJobs.run(pool, threads, batches, i -> {
      String body = FHIR.newJsonParser().encodeResourceToString(tasks(batch, seeds.get(i), current + i * batch));
      for (int attempt = 1; ; attempt++) {
        try {
          post(open, body, null);
          return;
        } catch (IllegalStateException conflict) {
          if (attempt == 5 || !conflict.getMessage().contains("HTTP 409")) {
            throw conflict;
          }
        }
      }
    });
    return count(open);
  }

  /**
   * {@code count} Tasks from position {@code first} on. Owner {@value #GROWING} keeps a fifth of its Tasks requested
   * at every size; the other owners do so only among the first {@value #BACKLOG_UNTIL} Tasks, as a clinic works off its
   * inbox while its history grows.
   */
  private Bundle tasks(int count, long seed, int first) {
    Random random = new Random(seed);
    Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    Instant now = Instant.now();
    for (int i = 0; i < count; i++) {
      String owner = OWNERS.get(random.nextInt(OWNERS.size()));
      String requester = owner.equals("hr-1") ? "prison-1" : "hr-1";
      Task task = new Task();
      boolean backlog = owner.equals(GROWING) || first + i < BACKLOG_UNTIL;
      task.setStatus(backlog && random.nextInt(5) == 0 ? Task.TaskStatus.REQUESTED : Task.TaskStatus.COMPLETED);
      task.setIntent(Task.TaskIntent.ORDER);
      task.setPriority(Task.TaskPriority.values()[random.nextInt(4)]);
      task.setCode(new CodeableConcept(new Coding("http://hl7.org/fhir/CodeSystem/task-code", "fulfill", null)));
      List<String[]> clients = referred.get(owner);
      if (clients != null) {
        String[] client = clients.get(random.nextInt(clients.size()));
        task.setFor(new Reference(client[0]));
        task.setFocus(new Reference(client[1]));
      } else {
        // History of owners not measured: the demo clients' records.
        task.setFocus(new Reference("ServiceRequest/sr-anc-1"));
        task.setFor(new Reference("Patient/client-" + (1 + random.nextInt(5))));
      }
      task.setRequester(new Reference("Organization/" + requester));
      task.setOwner(new Reference("Organization/" + owner));
      Date authored = Date.from(now.minus(random.nextInt(90 * 24 * 60), ChronoUnit.MINUTES));
      task.setAuthoredOn(authored).setLastModified(authored);
      tagParties(task.getMeta(), requester, owner);
      bundle.addEntry().setResource(task).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Task");
    }
    return bundle;
  }

  private static String inboxOf(String owner) {
    return "/Task?owner=Organization/" + owner + "&status=requested&_include=Task:focus&_sort=-authored-on&_count=20";
  }

  private void inbox(String label, String query, GatewayProcess checked, GatewayProcess open, BenchTokens clinic, int tasks,
      int queries) throws Exception {
    List<Double> onChecked = new ArrayList<>();
    List<Double> onOpen = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      get(checked, query, clinic);
      get(open, query, null);
    }
    // The two answer the same page when the site may see its whole inbox.
    System.out.printf(Locale.ROOT, "inbox of %s: the first page shows %d Tasks checked, %d unchecked%n", label,
        matches(get(checked, query, clinic)), matches(get(open, query, null)));
    for (int i = 0; i < queries; i++) {
      long sent = System.nanoTime();
      get(checked, query, clinic);
      onChecked.add((System.nanoTime() - sent) / 1e6);
      sent = System.nanoTime();
      get(open, query, null);
      onOpen.add((System.nanoTime() - sent) / 1e6);
    }
    int backlog = count(open, query.replaceAll("&_include=[^&]*|&_sort=[^&]*|&_count=[^&]*", "") + "&_summary=count");
    System.out.printf(Locale.ROOT, "inbox of %s at %d Tasks, %d requested: checked p50 %.1f ms, p95 %.1f, p99 %.1f; "
        + "unchecked p50 %.1f ms, p95 %.1f, p99 %.1f%n", label, tasks, backlog, Percentiles.of(onChecked, 50),
        Percentiles.of(onChecked, 95), Percentiles.of(onChecked, 99), Percentiles.of(onOpen, 50), Percentiles.of(onOpen, 95),
        Percentiles.of(onOpen, 99));
    System.out.printf(Locale.ROOT, "inbox of %s at %d Tasks, checked / unchecked: p50 %.2fx, p99 %.2fx (target <= 1.1)%n",
        label, tasks, Percentiles.of(onChecked, 50) / Percentiles.of(onOpen, 50),
        Percentiles.of(onChecked, 99) / Percentiles.of(onOpen, 99));
  }

  private static long matches(String page) {
    return FHIR.newJsonParser().parseResource(Bundle.class, page).getEntry().stream()
        .filter(entry -> entry.getResource() instanceof Task).count();
  }

  private int count(GatewayProcess gateway) throws Exception {
    return count(gateway, "/Task?_summary=count");
  }

  private int count(GatewayProcess gateway, String query) throws Exception {
    String body = get(gateway, query, null);
    return Integer.parseInt(body.replaceAll("(?s).*\"total\":(\\d+).*", "$1"));
  }

  private String post(GatewayProcess gateway, String body, BenchTokens tokens) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.fhirBase()))
        .header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (tokens != null) {
      request.header("Authorization", "Bearer " + tokens.current());
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("transaction refused: HTTP " + response.statusCode() + " "
          + response.body().substring(0, Math.min(500, response.body().length())));
    }
    return response.body();
  }

  private String get(GatewayProcess gateway, String path, BenchTokens tokens) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.fhirBase() + path.replace("|",
        URLEncoder.encode("|", StandardCharsets.UTF_8)))).GET();
    if (tokens != null) {
      request.header("Authorization", "Bearer " + tokens.current());
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode());
    }
    return response.body();
  }
}
