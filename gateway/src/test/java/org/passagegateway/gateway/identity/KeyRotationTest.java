package org.passagegateway.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.Pseudonyms;
import org.passagegateway.gateway.support.RawHttp;
import org.passagegateway.testdata.NetworkBuilders;

/**
 * A new key epoch issues new pseudonyms and loses no one: a client recorded under the old key keeps
 * her record, her old pseudonym stays valid, and presenting her UIC again links it to the new one.
 * And a site deriving beyond its hourly allowance is throttled.
 */
class KeyRotationTest {

  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final Map<String, String> HER = Map.of("mother-given-name", "Rosa", "given-name", "Mei", "sex", "F",
      "birth-year", "1993", "birth-month", "4");

  @Test
  void whenASecondEpochIsAddedThenHerOldPseudonymStaysValidAndIsLinkedToHerNewOne() throws Exception {
    Path folder = Files.createTempDirectory("passage-rotation-");
    Path first = key(folder, "pseudonym-key-1");
    Path second = key(folder, "pseudonym-key-2");
    String url = H2GatewayTest.h2Url(folder.resolve("data"));
    String old;
    String recorded;
    String legacy = "PSN-LEGACY-" + java.util.UUID.randomUUID();
    String legacyRecord;
    String otherSitesLegacy;
    // As a deployment before pseudonyms were issued: the identity check off (demo and H2 only) to write a legacy record.
    try (var gateway = org.passagegateway.gateway.support.RunningGateway.start(url, "sa", "",
        "--passage.identity.keys[0].epoch=1", "--passage.identity.keys[0].file=" + first,
        "--passage.benchmark.checks-off=identity")) {
      old = Pseudonyms.issue(gateway.httpAs("demo-site-hr-1"), HER);
      recorded = gateway.fhir().create().resource(NetworkBuilders.client(null, old, 1993)).execute().getId().getIdPart();
      legacyRecord = gateway.fhir().create().resource(NetworkBuilders.client(null, legacy, 1993)).execute().getId()
          .getIdPart();
      // Another site happened to use the same text for another woman.
      otherSitesLegacy = gateway.fhirAs("demo-site-anc-1").create().resource(NetworkBuilders.client(null, legacy, 1980))
          .execute().getId().getIdPart();
    }
    assertThat(old).startsWith("1-");

    try (var gateway = org.passagegateway.gateway.support.RunningGateway.start(url, "sa", "",
        "--passage.identity.keys[0].epoch=1", "--passage.identity.keys[0].file=" + first,
        "--passage.identity.keys[1].epoch=2", "--passage.identity.keys[1].file=" + second,
        "--passage.identity.derivations-per-hour=3")) {
      RawHttp site = gateway.httpAs("demo-site-hr-1");
      Parameters withPrevious = Pseudonyms.parameters(HER);
      withPrevious.addParameter().setName("previous").setValue(new org.hl7.fhir.r4.model.StringType(legacy));
      RawHttp.Response again = site.send("POST", "/fhir/Patient/$pseudonym", "application/fhir+json",
          FHIR.newJsonParser().encodeResourceToString(withPrevious).getBytes(StandardCharsets.UTF_8));
      Parameters answer = FHIR.newJsonParser().parseResource(Parameters.class, again.body());
      String current = ((Identifier) answer.getParameter("pseudonym").getValue()).getValue();

      assertThat(current).startsWith("2-");
      assertThat(answer.getParameter().stream().filter(p -> p.getName().equals("earlier"))
          .map(p -> ((Identifier) p.getValue()).getValue()).toList()).containsExactly(old);
      assertThat(gateway.jdbc().queryForObject("select current_pseudonym from psg_pseudonym where pseudonym = ?",
          String.class, old)).isEqualTo(current);
      Patient kept = gateway.fhir().read().resource(Patient.class).withId(recorded).execute();
      assertThat(kept.getIdentifierFirstRep().getValue()).isEqualTo(old);
      // Her three records at the site, under the old key, the new one and from before, are one woman's.
      assertThat(kept.getLink()).extracting(link -> link.getOther().getReference())
          .containsExactly("Patient/" + legacyRecord);
      Patient legacyKept = gateway.fhir().read().resource(Patient.class).withId(legacyRecord).execute();
      assertThat(legacyKept.getLink()).extracting(link -> link.getOther().getReference())
          .containsExactly("Patient/" + recorded);
      gateway.fhir().update().resource(legacyKept.setLink(java.util.List.of())).execute();
      // The harm reduction site's link is its own: the antenatal clinic's record of that text is not hers.
      Patient otherSite = gateway.fhirAs("demo-site-anc-1").read().resource(Patient.class).withId(otherSitesLegacy).execute();
      assertThat(otherSite.getLink()).isEmpty();
      assertThat(gateway.jdbc().queryForObject("select count(*) from psg_pseudonym where pseudonym = ?", Integer.class,
          legacy)).isZero();
      kept.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1993"));
      gateway.fhir().update().resource(kept.addIdentifier(new Identifier().setSystem("urn:example:site").setValue("x")))
          .execute();
      assertThat(gateway.fhir().create().resource(NetworkBuilders.client(null, current, 1993)).execute().getCreated())
          .isTrue();

      // Two more derivations are allowed this hour; the fourth is throttled, with the time to wait.
      Pseudonyms.issue(site);
      Pseudonyms.issue(site);
      RawHttp.Response throttled = site.send("POST", "/fhir/Patient/$pseudonym", "application/fhir+json", parameters(HER));
      assertThat(throttled.status()).isEqualTo(429);
      assertThat(throttled.passageCode()).isEqualTo("PASSAGE-6004");
      assertThat(throttled.header("Retry-After")).isEqualTo("3600");
      assertThat(throttled.body()).doesNotContain("Rosa").doesNotContain("Mei");
    }
  }

  private static byte[] parameters(Map<String, String> answers) {
    return FHIR.newJsonParser().encodeResourceToString(Pseudonyms.parameters(answers)).getBytes(StandardCharsets.UTF_8);
  }

  private static Path key(Path folder, String name) throws Exception {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return Files.writeString(folder.resolve(name), Base64.getEncoder().encodeToString(secret) + "\n");
  }
}
