package org.passagegateway.cqlbench;

import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Library;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.opencds.cqf.fhir.cr.hapi.r4.measure.MeasureOperationsProvider;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * Loads N synthetic referral Tasks (and their Patients) into an in-memory HAPI JPA R4 server,
 * then times Measure/$evaluate-measure (population report, whole 2026) of a CQL Measure.
 * Only evaluation is timed; loading is reported separately.
 *
 * <p>Env: N = comma-separated Task counts (default 1000,10000), TASKS_PER_PATIENT (default 2),
 * RUNS = warm evaluations after the first (default 2).
 */
public final class CqlMeasureBenchmark {

  static final String MEASURE_ID = "referral-completed";
  static final String LIBRARY_URL = "http://passage.example/fhir/Library/ReferralIndicators";
  static final String[] STATUSES = {"requested", "accepted", "completed", "rejected"};
  static final int ORGANIZATIONS = 5;
  static final int BATCH = 500;

  private final IFhirSystemDao<Bundle, Meta> systemDao;
  private final MeasureOperationsProvider measures;
  private final RestfulServer server;
  private final Random random = new Random(42);
  private final int tasksPerPatient;
  private int patients;
  private int tasks;
  // Expected figures, computed while generating, to check the MeasureReport.
  private final TreeMap<String, int[]> expected = new TreeMap<>(); // gender -> {tasks, completed}
  private final List<String> patientGender = new ArrayList<>();

  @SuppressWarnings("unchecked")
  private CqlMeasureBenchmark(AnnotationConfigApplicationContext ctx, int tasksPerPatient) {
    this.systemDao = ctx.getBean(IFhirSystemDao.class);
    this.measures = ctx.getBean(MeasureOperationsProvider.class);
    this.server = ctx.getBean(RestfulServer.class);
    this.tasksPerPatient = tasksPerPatient;
  }

  public static void main(String[] args) throws Exception {
    int[] sizes = Arrays.stream(env("N", "1000,10000").split(","))
        .map(String::trim).mapToInt(Integer::parseInt).sorted().toArray();
    int tasksPerPatient = Integer.parseInt(env("TASKS_PER_PATIENT", "2"));
    int runs = Integer.parseInt(env("RUNS", "2"));

    long t0 = System.nanoTime();
    AnnotationConfigApplicationContext ctx = new AnnotationConfigApplicationContext();
    ctx.setAllowCircularReferences(true);
    ctx.register(BenchConfiguration.class);
    ctx.refresh();
    System.out.printf(Locale.ROOT, "context started in %.1f s (cqf-fhir-cr-hapi %s, HAPI %s)%n",
        secs(t0), implVersion(MeasureOperationsProvider.class), implVersion(IFhirSystemDao.class));

    CqlMeasureBenchmark bench = new CqlMeasureBenchmark(ctx, tasksPerPatient);
    bench.loadDefinitions();
    List<String> results = new ArrayList<>();
    for (int n : sizes) {
      long l0 = System.nanoTime();
      bench.loadUpTo(n);
      System.out.printf(Locale.ROOT, "loaded: %d Tasks, %d Patients (load %.1f s)%n",
          bench.tasks, bench.patients, secs(l0));
      results.add(bench.evaluate(runs));
    }
    System.out.println();
    System.out.println("RESULTS (evaluation wall time only; first = includes CQL translation)");
    results.forEach(System.out::println);
    ctx.close();
    System.exit(0);
  }

  private void loadDefinitions() throws IOException {
    Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    for (int i = 1; i <= ORGANIZATIONS; i++) {
      put(bundle, new Organization().setName("Service " + i).setId("org-" + i));
    }
    String cql;
    try (InputStream in = CqlMeasureBenchmark.class.getResourceAsStream("/ReferralIndicators.cql")) {
      cql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Library library = new Library();
    library.setId("ReferralIndicators");
    library.setUrl(LIBRARY_URL).setName("ReferralIndicators").setVersion("1.0.0")
        .setStatus(Enumerations.PublicationStatus.ACTIVE)
        .setType(new CodeableConcept(new Coding(
            "http://terminology.hl7.org/CodeSystem/library-type", "logic-library", null)));
    library.addContent(new Attachment().setContentType("text/cql")
        .setData(cql.getBytes(StandardCharsets.UTF_8)));
    put(bundle, library);

    Measure measure = new Measure();
    measure.setId(MEASURE_ID);
    measure.setUrl("http://passage.example/fhir/Measure/" + MEASURE_ID)
        .setName("ReferralsCompleted").setVersion("1.0.0")
        .setStatus(Enumerations.PublicationStatus.ACTIVE)
        .setScoring(new CodeableConcept(new Coding(
            "http://terminology.hl7.org/CodeSystem/measure-scoring", "proportion", null)));
    // Population basis: the Task (each referral counts), not the Patient.
    measure.addExtension("http://hl7.org/fhir/us/cqfmeasures/StructureDefinition/cqfm-populationBasis",
        new CodeType("Task"));
    measure.addLibrary(LIBRARY_URL + "|1.0.0");
    Measure.MeasureGroupComponent group = measure.addGroup();
    group.setId("group-1");
    population(group, "initial-population", "Initial Population");
    population(group, "denominator", "Denominator");
    population(group, "numerator", "Numerator");
    // A stratifier given by component(s) is a value stratifier (one stratum per value); one
    // given by criteria is, for this library, a criteria stratifier that must return Tasks.
    Measure.MeasureGroupStratifierComponent stratifier = group.addStratifier();
    stratifier.setId("stratifier-gender");
    stratifier.setCode(new CodeableConcept().setText("gender"));
    Measure.MeasureGroupStratifierComponentComponent component = stratifier.addComponent();
    component.setId("gender");
    component.setCode(new CodeableConcept().setText("gender"))
        .setCriteria(new Expression().setLanguage("text/cql.identifier").setExpression("Gender"));
    put(bundle, measure);
    systemDao.transaction(new SystemRequestDetails(), bundle);
  }

  private static void population(Measure.MeasureGroupComponent group, String code, String expression) {
    Measure.MeasureGroupPopulationComponent population = group.addPopulation();
    population.setId(code);
    population.setCode(new CodeableConcept(new Coding(
            "http://terminology.hl7.org/CodeSystem/measure-population", code, null)))
        .setCriteria(new Expression().setLanguage("text/cql.identifier").setExpression(expression));
  }

  private void loadUpTo(int targetTasks) {
    Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    while (tasks < targetTasks) {
      if (tasks % tasksPerPatient == 0) {
        String gender = pickGender();
        Patient p = new Patient();
        p.setId("pt-" + patients);
        p.setGender(Enumerations.AdministrativeGender.fromCode(gender));
        p.setBirthDateElement(new DateType(1960 + random.nextInt(46) + "-01-01"));
        patientGender.add(gender);
        put(bundle, p);
        patients++;
      }
      String status = STATUSES[random.nextInt(STATUSES.length)];
      Task t = new Task();
      t.setId("task-" + tasks);
      t.setStatus(Task.TaskStatus.fromCode(status));
      t.setIntent(Task.TaskIntent.ORDER);
      LocalDateTime authored = LocalDateTime.of(2026, 1, 1, 0, 0)
          .plusMinutes(random.nextInt(365 * 24 * 60));
      t.setAuthoredOnElement(new DateTimeType(
          java.util.Date.from(authored.toInstant(ZoneOffset.UTC)),
          ca.uhn.fhir.model.api.TemporalPrecisionEnum.SECOND, java.util.TimeZone.getTimeZone("UTC")));
      t.setFor(new Reference("Patient/pt-" + (patients - 1)));
      t.setOwner(new Reference("Organization/org-" + (1 + random.nextInt(ORGANIZATIONS))));
      put(bundle, t);
      int[] e = expected.computeIfAbsent(patientGender.get(patients - 1), g -> new int[2]);
      e[0]++;
      if (status.equals("completed")) {
        e[1]++;
      }
      tasks++;
      if (bundle.getEntry().size() >= BATCH) {
        systemDao.transaction(new SystemRequestDetails(), bundle);
        bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
      }
    }
    if (!bundle.getEntry().isEmpty()) {
      systemDao.transaction(new SystemRequestDetails(), bundle);
    }
  }

  private String pickGender() {
    int r = random.nextInt(100);
    return r < 80 ? "female" : r < 95 ? "male" : "other";
  }

  private String evaluate(int warmRuns) {
    List<Double> times = new ArrayList<>();
    MeasureReport report = null;
    long peak = 0;
    for (int run = 0; run <= warmRuns; run++) {
      System.gc();
      resetPeaks();
      long e0 = System.nanoTime();
      SystemRequestDetails rd = new SystemRequestDetails();
      rd.setServer(server);
      rd.setFhirServerBase("http://localhost/fhir");
      report = evaluateMeasure(rd);
      double s = secs(e0);
      times.add(s);
      peak = Math.max(peak, heapPeak());
      System.out.printf(Locale.ROOT, "  N=%d run %d: $evaluate-measure %.3f s%n", tasks, run, s);
    }
    String counts = describe(report);
    System.out.println("  report:   " + counts);
    System.out.println("  expected: " + expectedCounts());
    int all = expected.values().stream().mapToInt(e -> e[0]).sum();
    int done = expected.values().stream().mapToInt(e -> e[1]).sum();
    boolean correct = counts.startsWith(
        "initial-population=" + all + " denominator=" + all + " numerator=" + done + " ");
    counts = (correct ? "report CORRECT: " : "report WRONG (expected " + all + "/" + done + "): ") + counts;
    double warmMin = times.stream().skip(1).mapToDouble(Double::doubleValue).min().orElse(times.get(0));
    return String.format(Locale.ROOT,
        "N=%d Tasks, %d Patients: first %.3f s, warm best %.3f s, heap peak during evaluation ~%d MB; %s",
        tasks, patients, times.get(0), warmMin, peak / (1024 * 1024), counts);
  }

  /**
   * Calls MeasureOperationsProvider's $evaluate-measure method. Its parameter list differs between
   * cqf-fhir-cr-hapi versions (3.20: 12 parameters, 4.0: 14), but in all of them it starts with
   * (IdType id, String periodStart, String periodEnd, String reportType) and ends with the
   * RequestDetails; every other parameter is left null, as an HTTP call without it would.
   */
  private MeasureReport evaluateMeasure(SystemRequestDetails rd) {
    Method method = Arrays.stream(MeasureOperationsProvider.class.getMethods())
        .filter(m -> m.getName().equals("evaluateMeasure"))
        .findFirst().orElseThrow();
    Object[] args = new Object[method.getParameterCount()];
    args[0] = new IdType("Measure", MEASURE_ID);
    args[1] = "2026-01-01";
    args[2] = "2026-12-31";
    args[3] = "population";
    args[args.length - 1] = rd;
    try {
      return (MeasureReport) method.invoke(measures, args);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String describe(MeasureReport report) {
    StringBuilder sb = new StringBuilder();
    for (MeasureReport.MeasureReportGroupComponent g : report.getGroup()) {
      for (MeasureReport.MeasureReportGroupPopulationComponent p : g.getPopulation()) {
        sb.append(p.getCode().getCodingFirstRep().getCode()).append('=').append(p.getCount()).append(' ');
      }
      for (MeasureReport.MeasureReportGroupStratifierComponent st : g.getStratifier()) {
        for (MeasureReport.StratifierGroupComponent stratum : st.getStratum()) {
          sb.append('[').append(stratum.hasValue() ? stratum.getValue().getText()
              : stratum.getComponent().stream().map(c -> c.getValue().getText())
                  .collect(java.util.stream.Collectors.joining(",")));
          for (MeasureReport.StratifierGroupPopulationComponent p : stratum.getPopulation()) {
            sb.append(' ').append(p.getCode().getCodingFirstRep().getCode()).append('=').append(p.getCount());
          }
          sb.append("] ");
        }
      }
    }
    return sb.toString().trim();
  }

  private String expectedCounts() {
    int all = 0;
    int done = 0;
    StringBuilder sb = new StringBuilder();
    for (var e : expected.entrySet()) {
      all += e.getValue()[0];
      done += e.getValue()[1];
      sb.append('[').append(e.getKey()).append(" tasks=").append(e.getValue()[0])
          .append(" completed=").append(e.getValue()[1]).append("] ");
    }
    return "tasks=" + all + " completed=" + done + " " + sb.toString().trim();
  }

  private static void put(Bundle bundle, Resource resource) {
    bundle.addEntry().setResource(resource).getRequest()
        .setMethod(Bundle.HTTPVerb.PUT).setUrl(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static long heapPeak() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static String implVersion(Class<?> type) {
    String v = type.getPackage().getImplementationVersion();
    if (v != null) {
      return v;
    }
    String loc = String.valueOf(type.getProtectionDomain().getCodeSource().getLocation());
    return loc.substring(loc.lastIndexOf('/') + 1);
  }

  private static double secs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
