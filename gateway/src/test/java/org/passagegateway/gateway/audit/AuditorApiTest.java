package org.passagegateway.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passagegateway.gateway.support.TransactionResponses.idOf;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.AccessTokens;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RawHttp;
import org.passagegateway.gateway.support.RawHttp.Response;
import org.passagegateway.testdata.ReferralTransactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The auditor's view of the log over HTTP: search, checkpoints, proofs that verify, and verification. */
class AuditorApiTest extends H2GatewayTest {

  private static final String TB = "demo-site-tb-1";

  @Autowired JdbcTemplate jdbc;

  @Test
  void whenAnAuditorSearchesTheLogThenEachStandardParameterFindsTheEventsOfTheReferral() {
    Instant start = Instant.now().minusSeconds(1);
    Sent sent = send();
    fhirAs(TB).read().resource(Task.class).withId(sent.task()).execute();
    IGenericClient auditor = fhirAs(AUDITOR);
    String patient = "Patient/" + sent.client();

    List<AuditEvent> all = search(auditor, "AuditEvent?patient=" + patient + "&_count=500");
    assertThat(all).extracting(AuditorApiTest::describe).contains(
        "rest/create hr-1 Task/" + sent.task(), "rest/create hr-1 Consent/" + sent.consent(),
        "consent-decision/permit tb-1 Task/" + sent.task());
    assertThat(all).extracting(AuditorApiTest::describe).doesNotContain("rest/read tb-1 Task/" + sent.task());
    assertThat(search(auditor, "AuditEvent?patient=" + patient + "&type=consent-decision"))
        .extracting(AuditorApiTest::describe).containsExactly("consent-decision/permit tb-1 Task/" + sent.task());
    assertThat(search(auditor, "AuditEvent?patient=" + patient + "&agent=Organization/hr-1&subtype=create"))
        .extracting(AuditorApiTest::describe).contains("rest/create hr-1 Task/" + sent.task())
        .allMatch(description -> description.startsWith("rest/create hr-1"));
    assertThat(search(auditor, "AuditEvent?entity=Task/" + sent.task() + "&altid=demo-site-tb-1&outcome=0"))
        .extracting(AuditorApiTest::describe).containsExactly("consent-decision/permit tb-1 Task/" + sent.task());
    assertThat(search(auditor, "AuditEvent?consent=Consent/" + sent.consent())).extracting(AuditorApiTest::describe)
        .containsExactly("consent-decision/permit tb-1 Task/" + sent.task());
    assertThat(search(auditor, "AuditEvent?patient=" + patient + "&date=ge" + start)).hasSameSizeAs(all);
    assertThat(search(auditor, "AuditEvent?patient=" + patient + "&date=lt" + start)).isEmpty();

    Bundle first = auditor.search().byUrl("AuditEvent?patient=" + patient + "&_count=2").returnBundle(Bundle.class).execute();
    Bundle second = auditor.loadPage().next(first).execute();
    assertThat(first.getEntry()).hasSize(2);
    assertThat(ids(second)).doesNotContainAnyElementsOf(ids(first));
    assertThat(first.hasTotal()).isFalse();
    AuditEvent one = (AuditEvent) first.getEntryFirstRep().getResource();
    assertThat(auditor.read().resource(AuditEvent.class).withId(one.getIdElement().getIdPart()).execute()
        .getRecorded()).isEqualTo(one.getRecorded());
  }

  @Test
  void whenAnAuditorAsksForProofsThenTheyVerifyAgainstTheSignedCheckpoint() {
    IGenericClient auditor = fhirAs(AUDITOR);
    Parameters before = checkpoint(auditor);
    long beforeSize = Long.parseLong(value(before, "tree-size"));
    Sent sent = send();
    Parameters after = checkpoint(auditor);
    long size = Long.parseLong(value(after, "tree-size"));
    byte[] root = HexFormat.of().parseHex(value(after, "root-hash"));
    assertThat(size).isGreaterThan(beforeSize);
    List<NoteKey> keys = jdbc.queryForList("select verifier_key from psg_audit_key", String.class).stream()
        .map(NoteKey::parse).toList();
    assertThat(SignedNotes.verify(value(after, "checkpoint"), keys).map(Checkpoint::parse))
        .hasValue(new Checkpoint(Checkpoint.parse(SignedNotes.verify(value(after, "checkpoint"), keys).orElseThrow()).origin(),
            size, root));

    AuditEvent created = search(auditor, "AuditEvent?entity=Task/" + sent.task() + "&subtype=create").get(0);
    Parameters inclusion = auditor.operation().onInstance(new IdType("AuditEvent", created.getIdElement().getIdPart()))
        .named("$inclusion-proof").withParameter(Parameters.class, "tree-size", new IntegerType((int) size)).useHttpGet()
        .execute();
    long index = Long.parseLong(value(inclusion, "leaf-index"));
    String stored = jdbc.queryForObject("select event from psg_audit_event where id = ?", String.class,
        Long.parseLong(created.getIdElement().getIdPart()));
    byte[] leaf = MerkleTree.leafHash(AuditSequencer.entry(index, stored));
    assertThat(value(inclusion, "entry")).as("the proof carries the entry as stored").isEqualTo(stored);
    assertThat(value(inclusion, "leaf-hash")).isEqualTo(HexFormat.of().formatHex(leaf));
    assertThat(MerkleTree.verifyInclusion(index, size, leaf, hashes(inclusion), root)).isTrue();
    assertThat(MerkleTree.verifyInclusion(index, size, MerkleTree.leafHash(AuditSequencer.entry(index, stored + " ")),
        hashes(inclusion), root)).as("an altered event does not verify").isFalse();

    Parameters consistency = auditor.operation().onType(AuditEvent.class).named("$consistency-proof")
        .withParameter(Parameters.class, "first", new IntegerType((int) beforeSize))
        .andParameter("second", new IntegerType((int) size)).useHttpGet().execute();
    assertThat(MerkleTree.verifyConsistency(beforeSize, size, HexFormat.of().parseHex(value(before, "root-hash")), root,
        hashes(consistency))).isTrue();
  }

  @Test
  void whenAnAuditorSearchesByAClientsNetworkPseudonymThenTheEventsOfHerRecordAreFound() {
    String pseudonym = newPseudonym();
    Bundle response = fhir().transaction().withBundle(ReferralTransactions.newClientReferral(pseudonym,
        "hr-1", "tb-1", "tb", "presumptive-tb", Instant.now())).execute();
    String client = idOf(response, "Patient");
    IGenericClient auditor = fhirAs(AUDITOR);
    String system = org.passagegateway.terminology.PassageTerminology.CLIENT_PSEUDONYM;

    List<AuditEvent> byPseudonym = search(auditor, "AuditEvent?patient.identifier=" + system + "|" + pseudonym + "&_count=500");

    assertThat(byPseudonym).isNotEmpty();
    assertThat(ids(byPseudonym)).containsExactlyElementsOf(ids(search(auditor, "AuditEvent?patient=Patient/" + client
        + "&_count=500")));
    assertThat(search(auditor, "AuditEvent?patient.identifier=" + system + "|no-such-pseudonym")).isEmpty();
    RawHttp.Response noValue = httpAs(AUDITOR).get("/fhir/AuditEvent?patient.identifier=" + system + "%7C");
    assertThat(noValue.status()).isEqualTo(400);
    assertThat(noValue.passageCode()).isEqualTo("PASSAGE-1009");
    // A site learns nothing through the log: not whom a pseudonym's events are about, not the entries.
    RawHttp.Response bySite = http().get("/fhir/AuditEvent?patient.identifier=" + system + "%7C" + pseudonym);
    RawHttp.Response proofsBySite = http().send("POST", "/fhir/AuditEvent/$inclusion-proofs", "application/fhir+json",
        "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"event\",\"valueString\":\"1\"}]}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    for (RawHttp.Response refused : List.of(bySite, proofsBySite)) {
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.passageCode()).isEqualTo("PASSAGE-3003");
      assertThat(refused.body()).doesNotContain(pseudonym).doesNotContain("entry");
    }
  }

  private static List<String> ids(List<AuditEvent> events) {
    return events.stream().map(event -> event.getIdElement().getIdPart()).toList();
  }

  @Test
  void whenAnEventIsHiddenFromSearchesInTheDatabaseThenVerificationNamesItsPosition() {
    IGenericClient auditor = fhirAs(AUDITOR);
    Sent sent = send();
    checkpoint(auditor);
    assertThat(verify(auditor).getParameterBool("intact")).isTrue();
    long id = jdbc.queryForObject("select max(id) from psg_audit_event where entity_refs like ?", Long.class,
        "% Task/" + sent.task() + " %");
    long position = jdbc.queryForObject("select position from psg_audit_event where id = ?", Long.class, id);
    String patient = jdbc.queryForObject("select patient_id from psg_audit_event where id = ?", String.class, id);
    jdbc.update("update psg_audit_event set patient_id = ? where id = ?", "someone-else", id);
    try {
      Parameters verification = verify(auditor);
      assertThat(verification.getParameterBool("intact")).isFalse();
      assertThat(value(verification, "first-bad-position")).isEqualTo(Long.toString(position));
      assertThat(value(verification, "problem")).contains("search columns");
    } finally {
      jdbc.update("update psg_audit_event set patient_id = ? where id = ?", patient, id);
    }
    assertThat(verify(auditor).getParameterBool("intact")).isTrue();
  }

  @Test
  void whenAnyoneButAnAuditorAsksOrAnyoneWritesThenForbidden() {
    for (String client : List.of(SITE, ADMIN)) {
      assertThat(httpAs(client).get("/fhir/AuditEvent?_count=1").status()).as(client).isEqualTo(403);
      assertThat(httpAs(client).get("/fhir/AuditEvent/$checkpoint").status()).as(client).isEqualTo(403);
    }
    String event = "{\"resourceType\":\"AuditEvent\"}";
    for (String client : List.of(SITE, AUDITOR, ADMIN)) {
      Response created = httpAs(client).send("POST", "/fhir/AuditEvent", "application/fhir+json", event.getBytes());
      assertThat(created.status()).as(client).isIn(400, 403, 405);
      Response deleted = httpAs(client).send("DELETE", "/fhir/AuditEvent/1", null, null);
      assertThat(deleted.status()).as(client).isIn(400, 403, 405);
    }
  }

  @Test
  void whenAnAuditorExportsTheLogThenTheShippedCommandVerifiesItOfflineAndFindsAnAlteredCopy() throws Exception {
    send();
    checkpoint(fhirAs(AUDITOR));
    Path export = Files.createTempFile("passage-audit-", ".zip");
    HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/audit/export"))
        .header("Authorization", "Bearer " + AccessTokens.cached(anonymousHttp(), port, AUDITOR)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(answer.statusCode()).isEqualTo(200);
    Files.write(export, answer.body());
    List<String> keys = jdbc.queryForList("select verifier_key from psg_audit_key", String.class);

    Verified intact = auditVerify(export, keys);
    assertThat(intact.output()).contains("VERIFIED").doesNotContain("NOT VERIFIED");
    assertThat(intact.exit()).isZero();

    Path altered = Files.createTempFile("passage-audit-altered-", ".zip");
    rewrite(export, altered, "events.ndjson", events -> events.replaceFirst("\"outcome\":\"0\"", "\"outcome\":\"4\""));
    Verified tampered = auditVerify(altered, keys);
    assertThat(tampered.exit()).isEqualTo(1);
    assertThat(tampered.output()).contains("NOT VERIFIED").contains("first bad position");

    NoteKey stranger = new NoteKey("passage-gateway.org/audit", new byte[32]);
    Verified unknownKey = auditVerify(export, List.of(stranger.verifierKey()));
    assertThat(unknownKey.exit()).isEqualTo(1);
    assertThat(unknownKey.output()).contains("not validly signed by a trusted key");

    Verified withoutKey = auditVerify(export, List.of());
    assertThat(withoutKey.exit()).as("the keys the export names are never trusted").isEqualTo(2);
    assertThat(withoutKey.output()).contains("--key").contains(keys.get(0)).doesNotContain("VERIFIED");

    assertThat(httpAs(SITE).get("/audit/export").status()).isEqualTo(403);
    assertThat(anonymousHttp().get("/audit/export").status()).isEqualTo(401);
  }

  @Test
  void whenAnAdminChangesTheClientRegistryThenTheChangeIsAnAuditEvent() throws Exception {
    String clientId = "registry-test-" + UUID.randomUUID();
    String admin = AccessTokens.of(anonymousHttp(), port, org.passagegateway.gateway.support.DemoCredentials.client(ADMIN),
        "system/Organization.cruds");
    Response registered = anonymousHttp().send("PUT", "/admin/clients/" + clientId, "application/json",
        ("{\"role\": \"auditor\", \"scope\": \"system/AuditEvent.rs\", \"jwks\": "
            + new com.nimbusds.jose.jwk.JWKSet(new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_384)
                .keyID("k1").generate().toPublicJWK()) + "}").getBytes(StandardCharsets.UTF_8),
        "Authorization", "Bearer " + admin);
    assertThat(registered.status()).isEqualTo(200);
    anonymousHttp().send("POST", "/admin/clients/" + clientId + "/$disable", null, null, "Authorization", "Bearer " + admin);

    List<AuditEvent> changes = search(fhirAs(AUDITOR), "AuditEvent?type=client-registry-change&altid=" + ADMIN + "&_count=500")
        .stream().filter(event -> event.getEntity().stream()
            .anyMatch(entity -> clientId.equals(entity.getWhat().getIdentifier().getValue()))).toList();
    assertThat(changes).hasSize(2).allSatisfy(event -> {
      assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.U);
      assertThat(event.getAgentFirstRep().getAltId()).isEqualTo(ADMIN);
    });
  }

  private record Verified(int exit, String output) {}

  private static Verified auditVerify(Path export, List<String> keys) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        Path.of("..", "scripts", "AuditVerify.java").toString(), export.toString()));
    keys.forEach(key -> {
      command.add("--key");
      command.add(key);
    });
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Verified(process.waitFor(), output);
  }

  private static void rewrite(Path from, Path to, String entryName, java.util.function.UnaryOperator<String> change)
      throws Exception {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from));
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        byte[] content = in.readAllBytes();
        if (entry.getName().equals(entryName)) {
          content = change.apply(new String(content, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        }
        out.putNextEntry(new ZipEntry(entry.getName()));
        out.write(content);
        out.closeEntry();
      }
    }
  }

  @Test
  void whenOneRequestShowsSeveralResourcesOfAClientThenOneDecisionNamesThemAllAndEachFindsIt() {
    IGenericClient auditor = fhirAs(AUDITOR);
    Sent sent = send();
    fhirAs(TB).search().forResource(Task.class).where(Task.RES_ID.exactly().code(sent.task())).include(Task.INCLUDE_FOCUS)
        .returnBundle(Bundle.class).execute();

    List<AuditEvent> decisions = search(auditor, "AuditEvent?patient=Patient/" + sent.client() + "&type=consent-decision");
    assertThat(decisions).singleElement().satisfies(event -> assertThat(event.getEntity())
        .extracting(entity -> entity.getWhat().getReferenceElement().toUnqualifiedVersionless().getValue())
        .containsExactly("Patient/" + sent.client(), "Task/" + sent.task(), "ServiceRequest/" + sent.referral(),
            "Consent/" + sent.consent()));
    String id = decisions.get(0).getIdElement().getIdPart();
    for (String entity : List.of("Task/" + sent.task(), "ServiceRequest/" + sent.referral(), "Consent/" + sent.consent())) {
      assertThat(search(auditor, "AuditEvent?entity=" + entity + "&type=consent-decision")).as(entity)
          .extracting(event -> event.getIdElement().getIdPart()).containsExactly(id);
    }

    checkpoint(auditor);
    long position = jdbc.queryForObject("select position from psg_audit_event where id = ?", Long.class, Long.parseLong(id));
    String named = jdbc.queryForObject("select entity_refs from psg_audit_event where id = ?", String.class,
        Long.parseLong(id));
    jdbc.update("update psg_audit_event set entity_refs = ? where id = ?",
        named.replace(" ServiceRequest/" + sent.referral() + " ", " "), Long.parseLong(id));
    try {
      Parameters verification = verify(auditor);
      assertThat(verification.getParameterBool("intact")).as("a resource hidden from entity searches").isFalse();
      assertThat(value(verification, "first-bad-position")).isEqualTo(Long.toString(position));
      assertThat(value(verification, "problem")).contains("search columns");
    } finally {
      jdbc.update("update psg_audit_event set entity_refs = ? where id = ?", named, Long.parseLong(id));
    }
    assertThat(verify(auditor).getParameterBool("intact")).isTrue();
  }

  @Test
  void whenAnAuditorWithoutAWriteGrantAsksForACheckpointToBeSignedThenItIsRefusedAndMayStillReadTheLatest() {
    checkpoint(fhirAs(AUDITOR));
    String readOnly = AccessTokens.of(anonymousHttp(), port, org.passagegateway.gateway.support.DemoCredentials.client(AUDITOR),
        "system/AuditEvent.rs");
    long checkpoints = jdbc.queryForObject("select count(*) from psg_audit_checkpoint", Long.class);
    send();

    Response signing = httpWithToken(readOnly).send("POST", "/fhir/AuditEvent/$checkpoint", null, null);
    assertThat(signing.status()).isEqualTo(403);
    assertThat(signing.passageCode()).isEqualTo("PASSAGE-3003");
    assertThat(jdbc.queryForObject("select count(*) from psg_audit_checkpoint", Long.class)).isEqualTo(checkpoints);
    assertThat(httpWithToken(readOnly).get("/fhir/AuditEvent/$checkpoint").status()).isEqualTo(200);
  }

  private record Sent(String client, String task, String consent, String referral) {}

  private Sent send() {
    Bundle response = fhir().transaction().withBundle(ReferralTransactions.newClientReferral(newPseudonym(),
        "hr-1", "tb-1", "tb", "presumptive-tb", Instant.now())).execute();
    return new Sent(idOf(response, "Patient"), idOf(response, "Task"), idOf(response, "Consent"),
        idOf(response, "ServiceRequest"));
  }

  private static Parameters checkpoint(IGenericClient auditor) {
    return auditor.operation().onType(AuditEvent.class).named("$checkpoint").withNoParameters(Parameters.class).execute();
  }

  private static Parameters verify(IGenericClient auditor) {
    return auditor.operation().onType(AuditEvent.class).named("$verify").withNoParameters(Parameters.class).useHttpGet()
        .execute();
  }

  private static List<AuditEvent> search(IGenericClient client, String url) {
    return client.search().byUrl(url).returnBundle(Bundle.class).execute().getEntry().stream()
        .map(entry -> (AuditEvent) entry.getResource()).toList();
  }

  private static List<String> ids(Bundle bundle) {
    return bundle.getEntry().stream().map(entry -> entry.getResource().getIdElement().getIdPart()).toList();
  }

  private static String describe(AuditEvent event) {
    String agent = event.getAgentFirstRep().getWho().getReferenceElement().getIdPart();
    return event.getType().getCode() + "/" + event.getSubtypeFirstRep().getCode() + " " + agent + " "
        + event.getEntity().get(1).getWhat().getReferenceElement().toUnqualifiedVersionless().getValue();
  }

  private static String value(Parameters parameters, String name) {
    return parameters.getParameter(name).getValue().primitiveValue();
  }

  private static List<byte[]> hashes(Parameters parameters) {
    return parameters.getParameter().stream().filter(p -> p.getName().equals("hash"))
        .map(p -> HexFormat.of().parseHex(p.getValue().primitiveValue())).toList();
  }
}
