package org.passagegateway.gateway.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passagegateway.gateway.support.TransactionResponses.idOf;

import ca.uhn.fhir.context.FhirContext;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupComponent;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupStratifierComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RawHttp.Response;
import org.passagegateway.terminology.PassageTerminology;
import org.passagegateway.testdata.NetworkBuilders;
import org.passagegateway.testdata.ReferralTransactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Indicators over real HTTP, on referrals made through the API and then moved, as facts, into
 * 2003 (a year no other test reports on), so that every expected count is computed by hand: 14
 * women referred for PMTCT from the harm reduction site to the antenatal clinic (9 born in 1980,
 * under 25 in 2003; 5 born in 1970), 13 accepted, 12 completed, one rejected for want of a place,
 * and a 15th whose consent keeps her out of indicators. The network is made once for the class; the
 * test that ends her opt-out runs last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EvaluateMeasureTest extends H2GatewayTest {

  private static final String ANC = "demo-site-anc-1";
  private static final String PERIOD = "periodStart=2003-01-01&periodEnd=2003-12-31";
  private static final Instant MARCH = Instant.parse("2003-03-10T10:00:00Z");

  @Autowired JdbcTemplate jdbc;
  @Autowired org.passagegateway.gateway.conformance.ProfileValidator validator;

  private final List<String> tasks = new ArrayList<>();
  private final List<String> identifiers = new ArrayList<>();
  private String optedOutConsent;

  @BeforeAll
  void referTheWomen() {
    jdbc.update("delete from psg_referral_fact where sent_at >= ? and sent_at < ?", ts("2003-01-01T00:00:00Z"),
        ts("2004-01-01T00:00:00Z"));
    jdbc.update("delete from psg_indicator_release where period_start = ?", java.sql.Date.valueOf("2003-01-01"));
    for (int i = 0; i < 15; i++) {
      String pseudonym = newPseudonym();
      Bundle transaction = ReferralTransactions.newClientReferral(pseudonym, "hr-1", "anc-1", "pmtct", "pmtct",
          Instant.now());
      for (Bundle.BundleEntryComponent entry : transaction.getEntry()) {
        if (entry.getResource() instanceof Patient client) {
          client.setBirthDateElement(new DateType(i < 9 ? "1980" : "1970"));
        } else if (entry.getResource() instanceof Consent consent && i == 14) {
          NetworkBuilders.optOutOfIndicators(consent);
        }
      }
      Bundle response = fhir().transaction().withBundle(transaction).execute();
      tasks.add(idOf(response, "Task"));
      identifiers.addAll(List.of(pseudonym, idOf(response, "Patient"), idOf(response, "Task"),
          idOf(response, "ServiceRequest")));
      if (i == 14) {
        optedOutConsent = idOf(response, "Consent");
      }
    }
    for (int i = 0; i < 13; i++) {
      Task task = fhirAs(ANC).read().resource(Task.class).withId(tasks.get(i)).execute();
      task = (Task) fhirAs(ANC).update().resource(task.setStatus(Task.TaskStatus.ACCEPTED)).execute().getResource();
      if (i < 12) {
        fhirAs(ANC).update().resource(task.setStatus(Task.TaskStatus.COMPLETED)).execute();
      }
    }
    Task rejected = fhirAs(ANC).read().resource(Task.class).withId(tasks.get(13)).execute();
    rejected.setStatus(Task.TaskStatus.REJECTED).setStatusReason(new CodeableConcept(
        new Coding(PassageTerminology.REJECTION_REASON, "no-capacity", null)));
    fhirAs(ANC).update().resource(rejected).execute();
    tasks.forEach(this::moveToMarch2003);
  }

  @Test
  void whenAnAuditorEvaluatesReferralOutcomesThenEachCountIsTheHandCountedOneAndSmallOnesAreWithheld() {
    MeasureReport report = evaluate("passage-referral-outcomes");

    MeasureReportGroupComponent sent = group(report, "sent");
    assertThat(sent.getPopulationFirstRep().getCount()).as("the opted-out woman is not counted").isEqualTo(14);
    assertThat(counts(stratifier(sent, "sex"))).containsExactly(Map.entry("female", "14"));
    assertThat(counts(stratifier(sent, "age-band")))
        .containsOnly(Map.entry("under-25", "small-count"), Map.entry("25-and-over", "small-count"));
    assertThat(counts(stratifier(sent, "sex-age-band")))
        .containsOnly(Map.entry("female,under-25", "small-count"), Map.entry("female,25-and-over", "small-count"));
    assertThat(counts(stratifier(sent, "service-type"))).containsExactly(Map.entry("pmtct", "14"));
    assertThat(counts(stratifier(sent, "receiving-site-type"))).containsExactly(Map.entry("antenatal-clinic", "14"));
    assertThat(counts(stratifier(sent, "receiving-site"))).containsExactly(Map.entry("anc-1", "14"));
    assertThat(group(report, "accepted").getPopulationFirstRep().getCount()).isEqualTo(13);
    assertThat(group(report, "completed").getPopulationFirstRep().getCount()).isEqualTo(12);
    MeasureReportGroupComponent rejected = group(report, "rejected");
    assertThat(rejected.getPopulationFirstRep().hasCount()).isFalse();
    assertThat(reason(rejected.getPopulationFirstRep())).isEqualTo("small-count");
    assertThat(counts(stratifier(rejected, "rejection-reason-site-type")))
        .containsExactly(Map.entry("no-capacity,antenatal-clinic", "small-count"));
    assertThat(group(report, "cancelled").getPopulationFirstRep().getCount()).isZero();
    assertThat(validator.errors(report, "MeasureReport")).as("conforms to passage-indicator-report").isEmpty();
  }

  @Test
  void whenTheRestOfAProportionIsSmallThenTheNumeratorAndTheRateAreWithheld() {
    MeasureReport report = evaluate("passage-pmtct");

    MeasureReportGroupComponent proportion = report.getGroupFirstRep();
    assertThat(proportion.getPopulation()).extracting(p -> p.getCode().getCodingFirstRep().getCode())
        .containsExactly("initial-population", "denominator", "numerator");
    assertThat(proportion.getPopulation().get(1).getCount()).isEqualTo(14);
    assertThat(proportion.getPopulation().get(2).hasCount()).as("12 of 14: the 2 left are a small count").isFalse();
    assertThat(reason(proportion.getPopulation().get(2))).isEqualTo("complementary");
    assertThat(proportion.hasMeasureScore()).as("a rate on a withheld count is withheld").isFalse();
  }

  @Test
  void whenTimesToAcceptanceAreEvaluatedThenTheMedianIsOfTheThirteenAccepted() {
    List<Long> seconds = jdbc.queryForList("select accept_seconds from psg_referral_fact where sent_at >= ? and"
        + " sent_at < ? and accept_seconds is not null", Long.class, ts("2003-01-01T00:00:00Z"), ts("2004-01-01T00:00:00Z"));
    MeasureReport report = evaluate("passage-time-to-acceptance");

    assertThat(seconds).hasSize(13);
    MeasureReportGroupComponent median = group(report, "median");
    assertThat(median.getPopulationFirstRep().getCount()).isEqualTo(13);
    assertThat(median.getMeasureScore().getValue())
        .isEqualByComparingTo(IndicatorReports.hours(ReferenceIndicators.nearestRank(seconds, 0.5)).getValue());
    assertThat(median.getMeasureScore().getCode()).isEqualTo("h");
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void whenHerConsentNoLongerOptsHerOutThenSheCountsAndTheLedgerWithholdsWhatTheDifferenceWouldReveal() {
    evaluate("passage-referral-outcomes");
    Response revoked = http().send("POST", "/fhir/Consent/" + optedOutConsent + "/$revoke", null, null);
    assertThat(revoked.status()).isEqualTo(200);

    MeasureReport again = evaluate("passage-referral-outcomes");

    assertThat(jdbc.queryForObject("select count(*) from psg_statistics_exclusion where consent_id = ?", Integer.class,
        optedOutConsent)).isZero();
    MeasureReportGroupComponent sent = group(again, "sent");
    assertThat(sent.getPopulationFirstRep().hasCount()).as("15 after 14: the one more is a small count").isFalse();
    assertThat(reason(sent.getPopulationFirstRep())).isEqualTo("differencing");
    assertThat(counts(stratifier(sent, "sex"))).containsExactly(Map.entry("female", "differencing"));
  }

  @Test
  void whenAReportIsReadInAnyFormThenItNamesNoClientNoPseudonymAndNoResource() {
    for (IndicatorMeasure measure : IndicatorMeasures.ALL) {
      Response json = httpAs(AUDITOR).get("/fhir/Measure/" + measure.id() + "/$evaluate-measure?" + PERIOD);
      Response csv = httpAs(AUDITOR).send("GET", "/fhir/Measure/" + measure.id() + "/$evaluate-measure?" + PERIOD, null,
          null, "Accept", "text/csv");
      assertThat(json.status()).isEqualTo(200);
      assertThat(csv.status()).isEqualTo(200);
      assertThat(csv.contentType()).startsWith("text/csv");
      for (String body : List.of(json.body(), csv.body())) {
        assertThat(body).doesNotContain("\"reference\"", "Patient/", "Task/", "ServiceRequest/", "Consent/",
            PassageTerminology.CLIENT_PSEUDONYM);
        identifiers.forEach(identifier -> assertThat(body).doesNotContain(identifier));
      }
    }
  }

  @Test
  void whenTheReportIsAskedForAsCsvThenEachCountIsARowAndAWithheldOneIsEmptyWithItsReason() {
    Response csv = httpAs(AUDITOR).get("/fhir/Measure/passage-referral-outcomes/$evaluate-measure?" + PERIOD
        + "&_format=csv");

    List<String> lines = csv.body().lines().toList();
    assertThat(lines.get(0)).isEqualTo(String.join(",", MeasureReportCsv.HEADER));
    assertThat(lines).contains("passage-referral-outcomes,2003-01-01,2003-12-31,sent,,,initial-population,14,,,",
        "passage-referral-outcomes,2003-01-01,2003-12-31,sent,sex-age-band,sex=female;age-band=under-25,"
            + "initial-population,,,,small-count");
    assertThat(csv.header("Content-Disposition")).contains("passage-referral-outcomes-2003-01-01-2003-12-31.csv");
  }

  @Test
  void whenASiteAsksForAnIndicatorThenItIsRefusedAndNothingIsReleased() {
    Integer before = jdbc.queryForObject("select count(*) from psg_indicator_release", Integer.class);

    Response refused = http().get("/fhir/Measure/passage-referral-outcomes/$evaluate-measure?" + PERIOD);

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.passageCode()).isEqualTo("PASSAGE-3003");
    assertThat(jdbc.queryForObject("select count(*) from psg_indicator_release", Integer.class)).isEqualTo(before);
  }

  @Test
  void whenAnEvaluationIsMadeThenItIsAuditedAndTheReportIsKeptForAuditorsOnly() {
    Integer before = events();
    MeasureReport report = evaluate("passage-pmtct");

    assertThat(events()).isEqualTo(before + 1);
    Response kept = httpAs(AUDITOR).get("/fhir/" + report.getIdElement().toUnqualifiedVersionless().getValue());
    assertThat(kept.status()).isEqualTo(200);
    assertThat(parse(kept.body()).getMeasure()).endsWith("/Measure/passage-pmtct");
    Response bySite = http().get("/fhir/" + report.getIdElement().toUnqualifiedVersionless().getValue());
    assertThat(bySite.status()).isEqualTo(403);
  }

  @Test
  void whenThePeriodOrSubjectIsWrongOrTheMeasureUnknownThenAClearErrorAndNothingIsReleased() {
    Integer before = jdbc.queryForObject("select count(*) from psg_indicator_release", Integer.class);
    assertError("/fhir/Measure/passage-pmtct/$evaluate-measure?periodStart=2003-13-01&periodEnd=2003-12-31", 400,
        "PASSAGE-7001");
    assertError("/fhir/Measure/passage-pmtct/$evaluate-measure?periodStart=2003-12-31&periodEnd=2003-01-01", 400,
        "PASSAGE-7001");
    assertError("/fhir/Measure/passage-pmtct/$evaluate-measure?periodStart=2003-02-01&periodEnd=2003-04-30", 400,
        "PASSAGE-7001");
    assertError("/fhir/Measure/passage-pmtct/$evaluate-measure?periodEnd=2003-12-31", 400, null);
    assertError("/fhir/Measure/passage-pmtct/$evaluate-measure?" + PERIOD + "&subject=Patient/x", 400, "PASSAGE-7002");
    assertError("/fhir/Measure/passage-pmtct/$evaluate-measure?" + PERIOD + "&reportType=subject", 400, "PASSAGE-7002");
    assertError("/fhir/Measure/no-such-measure/$evaluate-measure?" + PERIOD, 404, "PASSAGE-2001");
    assertThat(jdbc.queryForObject("select count(*) from psg_indicator_release", Integer.class)).isEqualTo(before);
  }

  private void assertError(String path, int status, String code) {
    Response response = httpAs(AUDITOR).get(path);
    assertThat(response.status()).as(path).isEqualTo(status);
    assertThat(response.passageCode()).as(path).startsWith(code == null ? "PASSAGE-" : code);
    assertThat(response.body()).doesNotContain("2003-13-01", "Patient/x");
  }

  private Integer events() {
    return jdbc.queryForObject("select count(*) from psg_audit_event where type_code = 'indicator-evaluation'",
        Integer.class);
  }

  private MeasureReport evaluate(String measure) {
    Response response = httpAs(AUDITOR).get("/fhir/Measure/" + measure + "/$evaluate-measure?" + PERIOD);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return parse(response.body());
  }

  private static MeasureReport parse(String json) {
    return FhirContext.forR4Cached().newJsonParser().parseResource(MeasureReport.class, json);
  }

  private static MeasureReportGroupComponent group(MeasureReport report, String code) {
    return report.getGroup().stream().filter(g -> code.equals(g.getCode().getText())).findFirst().orElseThrow();
  }

  private static MeasureReportGroupStratifierComponent stratifier(MeasureReportGroupComponent group, String code) {
    return group.getStratifier().stream().filter(s -> code.equals(s.getCodeFirstRep().getText())).findFirst().orElseThrow();
  }

  /** Each stratum's value (components joined by commas) and its count, or the reason it is withheld. */
  private static Map<String, String> counts(MeasureReportGroupStratifierComponent stratifier) {
    Map<String, String> counts = new java.util.LinkedHashMap<>();
    for (var stratum : stratifier.getStratum()) {
      String value = stratum.hasValue() ? stratum.getValue().getCodingFirstRep().getCode() : String.join(",",
          stratum.getComponent().stream().map(c -> c.getValue().getCodingFirstRep().getCode()).toList());
      var population = stratum.getPopulationFirstRep();
      counts.put(value, population.hasCount() ? Integer.toString(population.getCount()) : reason(population));
    }
    return counts;
  }

  private static String reason(org.hl7.fhir.r4.model.Element element) {
    var extension = element.getExtensionByUrl(IndicatorTerminology.SUPPRESSED);
    return extension == null ? null : extension.getValue().primitiveValue();
  }

  /** Moves a referral's facts so that it was sent on 10 March 2003, every later step as long after it as it was. */
  private void moveToMarch2003(String task) {
    Timestamp sent = jdbc.queryForObject("select sent_at from psg_referral_fact where task_id = ?", Timestamp.class, task);
    Duration back = Duration.between(MARCH, sent.toInstant());
    for (String column : List.of("sent_at", "accepted_at", "started_at", "ended_at")) {
      Timestamp at = jdbc.queryForObject("select " + column + " from psg_referral_fact where task_id = ?", Timestamp.class,
          task);
      if (at != null) {
        jdbc.update("update psg_referral_fact set " + column + " = ? where task_id = ?",
            Timestamp.from(at.toInstant().minus(back)), task);
      }
    }
  }

  private static Timestamp ts(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }
}
