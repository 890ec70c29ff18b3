package org.passagegateway.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.Pseudonyms;
import org.passagegateway.gateway.support.RawHttp;
import org.passagegateway.gateway.support.RawHttp.Response;
import org.passagegateway.terminology.PassageTerminology;
import org.passagegateway.testdata.NetworkBuilders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code Patient/$pseudonym} over HTTP: one woman, one pseudonym at every site; her answers nowhere
 * (database, log, audit, answers); the same answer whether or not anyone knows her; and only issued
 * pseudonyms on the records sites write.
 */
@ExtendWith(OutputCaptureExtension.class)
class PseudonymOperationTest extends H2GatewayTest {

  private static final FhirContext FHIR = FhirContext.forR4Cached();

  @Autowired JdbcTemplate jdbc;

  @Test
  void whenTwoSitesRegisterTheSameWomanTypedDifferentlyThenBothGetOnePseudonymAndEachKeepsItsOwnRecord() {
    String atHarmReduction = Pseudonyms.issue(http(), answers("Lucía", "Ana", "F", "1990", "3"));
    String atAntenatal = Pseudonyms.issue(httpAs("demo-site-anc-1"), answers("LUCIA ", "ana", "female", "1990", "03"));

    assertThat(atAntenatal).isEqualTo(atHarmReduction);
    String hers = fhir().create().resource(NetworkBuilders.client(null, atHarmReduction, 1990)).execute().getId().getIdPart();
    String theirs = fhirAs("demo-site-anc-1").create().resource(NetworkBuilders.client(null, atAntenatal, 1990)).execute()
        .getId().getIdPart();
    assertThat(theirs).isNotEqualTo(hers);
    Response search = httpAs("demo-site-anc-1").get("/fhir/Patient?identifier=" + PassageTerminology.CLIENT_PSEUDONYM + "%7C"
        + atAntenatal);
    assertThat(search.body()).contains("Patient/" + theirs).doesNotContain("Patient/" + hers);
  }

  @Test
  void whenAWomanIsUnknownOrAlreadyKnownThenTheAnswersAndTheirEventsHaveTheSameShape() {
    Map<String, String> her = answers("Joanna", "Kasia", "F", "1984", "11");
    long before = lastEventId();
    Response first = derive(http(), her);
    long between = lastEventId();
    Response again = derive(http(), her);

    assertThat(first.status()).isEqualTo(200);
    assertThat(again.status()).isEqualTo(200);
    assertThat(shape(again.body())).isEqualTo(shape(first.body()));
    assertThat(pseudonym(again)).isEqualTo(pseudonym(first));
    List<String> firstEvents = eventsBetween(before, between);
    List<String> againEvents = eventsBetween(between, lastEventId());
    assertThat(firstEvents).hasSize(1);
    assertThat(againEvents.stream().map(PseudonymOperationTest::eventShape).toList())
        .isEqualTo(firstEvents.stream().map(PseudonymOperationTest::eventShape).toList());
  }

  @Test
  void whenAPseudonymIsDerivedThenTheEventNamesTheSiteAndItsClientAndNothingOfTheWoman() {
    long before = lastEventId();
    derive(http(), answers("Fatima", "Nadia", "F", "1993", "7"));

    AuditEvent event = FHIR.newJsonParser().parseResource(AuditEvent.class, eventsBetween(before, lastEventId()).get(0));
    assertThat(event.getType().getCode()).isEqualTo("pseudonym-derivation");
    assertThat(event.getAgentFirstRep().getWho().getReference()).isEqualTo("Organization/hr-1");
    assertThat(event.getAgentFirstRep().getAltId()).isEqualTo("demo-site-hr-1");
    assertThat(event.getEntity()).isEmpty();
  }

  @Test
  void whenHerAnswersAreSentThenTheyAppearInNoTableNoLogAndNoAnswerEvenOnError(CapturedOutput output) throws Exception {
    Map<String, String> distinctive = answers("Zqxwvmother", "Zqxwvgiven", "F", "1971", "5");
    Response issued = derive(http(), distinctive);
    Response refused = derive(http(), answers("Zqxwvmother", "Zqxwvgiven", "F", "1850", "5"));
    Response unknownPart = derive(http(), Map.of("mother-given-name", "Zqxwvmother", "zqxwv-part", "Zqxwvgiven"));

    assertThat(issued.status()).isEqualTo(200);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.passageCode()).isEqualTo("PASSAGE-6001");
    assertThat(unknownPart.status()).isEqualTo(400);
    for (Response response : List.of(issued, refused, unknownPart)) {
      assertThat(response.body().toLowerCase(Locale.ROOT)).doesNotContain("zqxwv").doesNotContain("1850");
    }
    Path dump = Files.createTempFile("passage-identity-", ".sql");
    jdbc.execute("script to '" + dump + "'");
    String database = Files.readString(dump, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    Files.delete(dump);
    assertThat(database).as("the database").doesNotContain("zqxwv").doesNotContain("zq|zq|f|1971|05")
        .contains(pseudonym(issued).toLowerCase(Locale.ROOT));
    assertThat(output.getAll().toLowerCase(Locale.ROOT)).as("the log").doesNotContain("zqxwv");
  }

  @Test
  void whenAClientIsWrittenWithAPseudonymTheGatewayDidNotIssueThenTheWriteIsRefused() {
    String issued = Pseudonyms.issue(http());
    String wellFormedButNeverIssued = PseudonymFormat.write(1, randomBytes());
    char[] swapped = issued.toCharArray();
    char second = swapped[3];
    swapped[3] = swapped[2];
    swapped[2] = second;
    String mistyped = new String(swapped);

    for (String value : List.of(wellFormedButNeverIssued, issued.toLowerCase(Locale.ROOT), "PSN-7Q4K-2M9D", "9-"
        + issued.substring(2))) {
      Response refused = http().send("POST", "/fhir/Patient", "application/fhir+json", json(NetworkBuilders.client(null,
          value, 1990)));
      assertThat(refused.status()).as(value).isEqualTo(422);
      assertThat(refused.passageCode()).as(value).isEqualTo("PASSAGE-6003");
      assertThat(refused.body()).as(value).doesNotContain(value);
    }
    if (!mistyped.equals(issued)) {
      assertThat(http().send("POST", "/fhir/Patient", "application/fhir+json", json(NetworkBuilders.client(null, mistyped,
          1990))).status()).as("a swap of two characters").isEqualTo(422);
    }
    Response created = http().send("POST", "/fhir/Patient", "application/fhir+json",
        json(NetworkBuilders.client(null, issued, 1990)));
    assertThat(created.status()).isEqualTo(201);
  }

  @Test
  void whenACallerIsNotASiteOrAsksWithGetThenThereIsNoPseudonym() {
    Response auditor = derive(httpAs(AUDITOR), answers("Olga", "Irina", "F", "1989", "11"));
    Response get = http().get("/fhir/Patient/$pseudonym?given-name=Irina");

    assertThat(auditor.status()).isEqualTo(403);
    assertThat(get.status()).isEqualTo(405);
    assertThat(get.body()).doesNotContain("Irina");
  }

  @Test
  void whenTheRecipientAlreadyKnowsHerThenTheReferredClientComesLinkedToItsOwnRecordOnly() {
    Map<String, String> her = answers("Aisha", "Nour", "F", "1991", "6");
    String atAntenatal = Pseudonyms.issue(httpAs("demo-site-anc-1"), her);
    String own = fhirAs("demo-site-anc-1").create().resource(NetworkBuilders.client(null, atAntenatal, 1991)).execute()
        .getId().getIdPart();
    String pseudonym = Pseudonyms.issue(http(), her);
    org.hl7.fhir.r4.model.Bundle sent = fhir().transaction().withBundle(org.passagegateway.testdata.ReferralTransactions
        .newClientReferral(pseudonym, "hr-1", "anc-1", "prenatal-care", "pregnancy-care", java.time.Instant.now())).execute();
    String referred = sent.getEntry().stream().map(e -> e.getResponse().getLocation()).filter(l -> l.startsWith("Patient/"))
        .findFirst().orElseThrow().split("/")[1];

    Patient asRecipient = fhirAs("demo-site-anc-1").read().resource(Patient.class).withId(referred).execute();
    Patient asSender = fhir().read().resource(Patient.class).withId(referred).execute();

    assertThat(asRecipient.getLink()).extracting(link -> link.getOther().getReference() + " " + link.getType().toCode())
        .containsExactly("Patient/" + own + " seealso");
    assertThat(asSender.getLink()).as("the sender learns nothing of the antenatal clinic's record").isEmpty();
    assertThat(httpAs("demo-site-tb-1").get("/fhir/Patient/" + referred).status()).isEqualTo(404);
  }

  @Test
  void whenAPreviousPseudonymIsNotOneOfTheSitesRecordsThenItIsRefusedAndLinksNothing() {
    Parameters parameters = Pseudonyms.parameters(answers("Mira", "Lena", "F", "1988", "2"));
    parameters.addParameter().setName("previous").setValue(new Identifier().setSystem(PassageTerminology.CLIENT_PSEUDONYM)
        .setValue("PSN-NOT-A-RECORD-OF-HR-1"));

    Response refused = http().send("POST", "/fhir/Patient/$pseudonym", "application/fhir+json",
        FHIR.newJsonParser().encodeResourceToString(parameters).getBytes(StandardCharsets.UTF_8));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).doesNotContain("PSN-NOT-A-RECORD").doesNotContain("Mira");
    assertThat(jdbc.queryForObject("select count(*) from psg_pseudonym where pseudonym = ?", Integer.class,
        "PSN-NOT-A-RECORD-OF-HR-1")).isZero();
  }

  @Test
  void whenASecondFactorIsRefusedThenNothingWasIssuedOrAudited() {
    Map<String, String> her = answers("Ines", "Marta", "F", "1979", "10");
    long events = lastEventId();
    Integer issuedBefore = jdbc.queryForObject("select count(*) from psg_pseudonym", Integer.class);
    Parameters parameters = Pseudonyms.parameters(her);
    parameters.addParameter().setName("second-factor").setValue(new org.hl7.fhir.r4.model.StringType("ab"));

    Response refused = http().send("POST", "/fhir/Patient/$pseudonym", "application/fhir+json",
        FHIR.newJsonParser().encodeResourceToString(parameters).getBytes(StandardCharsets.UTF_8));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(jdbc.queryForObject("select count(*) from psg_pseudonym", Integer.class)).isEqualTo(issuedBefore);
    assertThat(lastEventId()).isEqualTo(events);
  }

  @Test
  void whenARecordLinksToAnotherByIdentifierOnlyThenReadingItStillWorks() {
    String pseudonym = Pseudonyms.issue(http());
    Patient linked = NetworkBuilders.client(null, pseudonym, 1990);
    linked.addLink().setType(Patient.LinkType.SEEALSO).getOther().getIdentifier().setSystem("urn:example:mrn").setValue("x");
    String id = fhir().create().resource(linked).execute().getId().getIdPart();
    fhir().create().resource(NetworkBuilders.client(null, pseudonym, 1990)).execute();

    assertThat(http().get("/fhir/Patient/" + id).status()).isEqualTo(200);
    assertThat(http().get("/fhir/Patient?identifier=" + PassageTerminology.CLIENT_PSEUDONYM + "%7C" + pseudonym).status())
        .isEqualTo(200);
  }

  private static Response derive(RawHttp site, Map<String, String> answers) {
    return site.send("POST", "/fhir/Patient/$pseudonym", "application/fhir+json",
        FHIR.newJsonParser().encodeResourceToString(Pseudonyms.parameters(answers)).getBytes(StandardCharsets.UTF_8));
  }

  private static String pseudonym(Response response) {
    return ((Identifier) FHIR.newJsonParser().parseResource(Parameters.class, response.body()).getParameter("pseudonym")
        .getValue()).getValue();
  }

  /** The answer's parameters by name and value type, values left out. */
  private static List<String> shape(String body) {
    return FHIR.newJsonParser().parseResource(Parameters.class, body).getParameter().stream()
        .map(parameter -> parameter.getName() + ":" + parameter.getValue().fhirType()).toList();
  }

  /** An event with what differs between any two events (ids, times, hashes) left out. */
  private static String eventShape(String event) {
    return event.replaceAll("\"id\":\"[^\"]*\"", "").replaceAll("\"recorded\":\"[^\"]*\"", "")
        .replaceAll("\"lastUpdated\":\"[^\"]*\"", "");
  }

  private List<String> eventsBetween(long after, long upTo) {
    return jdbc.queryForList("select event from psg_audit_event where id > ? and id <= ? order by id", String.class, after,
        upTo).stream().map(Object::toString).toList();
  }

  private long lastEventId() {
    Long last = jdbc.queryForObject("select max(id) from psg_audit_event", Long.class);
    return last == null ? 0 : last;
  }

  static Map<String, String> answers(String mother, String given, String sex, String year, String month) {
    return Map.of("mother-given-name", mother, "given-name", given, "sex", sex, "birth-year", year, "birth-month", month);
  }

  private static byte[] json(Patient patient) {
    return FHIR.newJsonParser().encodeResourceToString(patient).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[32];
    new Random().nextBytes(bytes);
    return bytes;
  }
}
