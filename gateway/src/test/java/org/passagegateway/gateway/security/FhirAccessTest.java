package org.passagegateway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.PreferReturnEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.AccessTokens;
import org.passagegateway.gateway.support.DemoCredentials;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RawHttp.Response;
import org.passagegateway.testdata.NetworkBuilders;
import org.passagegateway.testdata.ReferralTransactions;
import org.passagegateway.terminology.PassageTerminology;

/**
 * Every FHIR request needs a token; scopes and roles limit what it may do; a site acts as its own
 * Organization and cannot see, by id or by search, the Tasks and ServiceRequests of referrals it
 * is not a party to. Each test is an attack that must fail with the right error, or a role's
 * happy path. The demo network's referrals: hr-1 to anc-1, tb-1 and shelter-1; prison-1 to ost-1.
 */
class FhirAccessTest extends H2GatewayTest {

  private static final String TB = "demo-site-tb-1";
  private static final String ANC = "demo-site-anc-1";
  private static final String FHIR_JSON = "application/fhir+json";

  @Test
  void whenNoTokenIsSentThenEveryFhirPathButTheCapabilityStatementIsUnauthorized() {
    for (String path : List.of("/fhir/Patient", "/fhir/Task/task-anc-1", "/fhir/Medication", "/fhir/Task/task-anc-1/$meta",
        "/fhir/Patient?_summary=count", "/fhir/metadata/extra", "/fhir/Task?_getpages=" + UUID.randomUUID(),
        "/fhir/Organization/hr-1/_history", "/fhir/$export", "/fhir/nothing-here")) {
      Response response = anonymousHttp().get(path);
      assertThat(response.status()).as(path).isEqualTo(401);
      assertThat(response.passageCode()).as(path).isEqualTo("PASSAGE-3001");
      assertThat(response.header("WWW-Authenticate")).as(path).isEqualTo("Bearer realm=\"passage\"");
    }
    Response transaction = anonymousHttp().send("POST", "/fhir", FHIR_JSON, bytes("{\"resourceType\":\"Bundle\"}"));
    assertThat(transaction.status()).isEqualTo(401);

    assertThat(anonymousHttp().get("/fhir/metadata").status()).isEqualTo(200);
    assertThat(anonymousHttp().get("/fhir/.well-known/smart-configuration").status()).isEqualTo(200);
  }

  @Test
  void whenTheCapabilityStatementIsReadThenItNamesSmartOnFhirAndTheTokenEndpoint() {
    CapabilityStatement statement = anonymousFhir().capabilities().ofType(CapabilityStatement.class).execute();

    CapabilityStatement.CapabilityStatementRestSecurityComponent security = statement.getRestFirstRep().getSecurity();
    assertThat(security.getServiceFirstRep().getCodingFirstRep().getCode()).isEqualTo("SMART-on-FHIR");
    assertThat(security.getExtensionByUrl(SmartCapabilities.OAUTH_URIS).getExtensionByUrl("token").getValue().primitiveValue())
        .isEqualTo("http://localhost:" + port + "/auth/token");
  }

  @Test
  void whenTheTokenIsNotAGatewayTokenThenUnauthorizedWithInvalidToken() {
    Response response = anonymousHttp().send("GET", "/fhir/Organization/hr-1", null, null,
        "Authorization", "Bearer not.a.token");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.passageCode()).isEqualTo("PASSAGE-3001");
    assertThat(response.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
  }

  @Test
  void whenAScopeWasNotGrantedThenTheInteractionIsForbidden() {
    IGenericClient taskReader = as(SITE, "system/Task.rs");

    assertForbidden(() -> taskReader.read().resource(Patient.class).withId("client-1").execute());
    assertForbidden(() -> taskReader.search().forResource(Organization.class).returnBundle(Bundle.class).execute());
    assertThat(taskReader.read().resource(Task.class).withId("task-anc-1").execute().getStatus())
        .isEqualTo(Task.TaskStatus.REQUESTED);
  }

  @Test
  void whenWritingWithAReadScopeThenForbiddenAndNothingIsWritten() {
    IGenericClient taskReader = as(SITE, "system/Task.rs system/ServiceRequest.rs");
    Task task = NetworkBuilders.referralTask(null, fhir().read().resource(ServiceRequest.class).withId("sr-tb-1").execute());
    String marker = tag(task);

    assertForbidden(() -> taskReader.create().resource(task).execute());
    assertForbidden(() -> taskReader.transaction().withBundle(
        ReferralTransactions.newClientReferral(newPseudonym(), "hr-1", "tb-1", "tb", "presumptive-tb", Instant.now()))
        .execute());

    assertThat(tagged(fhir(), marker)).isZero();
  }

  @Test
  void whenOnlyReadIsGrantedThenSearchIsForbiddenAndOnlySearchThenReadIsForbidden() {
    assertThat(as(SITE, "system/Task.r").read().resource(Task.class).withId("task-anc-1").execute()).isNotNull();
    assertForbidden(() -> as(SITE, "system/Task.r").search().forResource(Task.class).returnBundle(Bundle.class).execute());

    assertThat(as(SITE, "system/Task.s").search().forResource(Task.class).returnBundle(Bundle.class).execute().getEntry())
        .isNotEmpty();
    assertForbidden(() -> as(SITE, "system/Task.s").read().resource(Task.class).withId("task-anc-1").execute());
  }

  @Test
  void whenASiteCreatesATaskWhoseRequesterIsAnotherOrganizationThenForbiddenAndNothingIsWritten() {
    Task forged = NetworkBuilders.referralTask(null, fhir().read().resource(ServiceRequest.class).withId("sr-tb-1").execute());
    forged.setRequester(new Reference("Organization/prison-1"));
    String marker = tag(forged);

    assertThatThrownBy(() -> fhirAs(TB).create().resource(forged).execute())
        .isInstanceOfSatisfying(ForbiddenOperationException.class, e -> {
          assertThat(code(e)).isEqualTo("PASSAGE-3004");
          assertThat(e.getMessage()).contains("Task.requester");
        });

    org.hl7.fhir.r4.model.Bundle referral = ReferralTransactions.newClientReferral(
        newPseudonym(), "anc-1", "tb-1", "tb", "presumptive-tb", Instant.now());
    assertThatThrownBy(() -> fhir().transaction().withBundle(referral).execute())
        .isInstanceOfSatisfying(ForbiddenOperationException.class, e -> assertThat(code(e)).isEqualTo("PASSAGE-3004"));
    assertThat(tagged(fhirAs(TB), marker)).isZero();
  }

  @Test
  void whenASiteReadsATaskOrReferralItIsNoPartyToThenTheAnswerIsThatOfAResourceThatNeverExisted() {
    String missing = UUID.randomUUID().toString();
    Response absent = httpAs(TB).get("/fhir/Task/" + missing);
    assertThat(absent.status()).isEqualTo(404);

    for (String path : List.of("/fhir/Task/task-anc-1", "/fhir/ServiceRequest/sr-anc-1", "/fhir/Task/task-anc-1/_history/1",
        "/fhir/ServiceRequest/sr-anc-1/_history/1", "/fhir/Task/task-anc-1/_history", "/fhir/Patient/client-1")) {
      Response hidden = httpAs(TB).get(path);
      assertThat(hidden.status()).as(path).isEqualTo(404);
      assertThat(hidden.body()).as(path).isEqualTo(absent.body());
    }
  }

  @Test
  void whenASiteWritesToATaskItIsNoPartyToThenNotFoundAndTheTaskIsUnchanged() {
    Task task = fhir().read().resource(Task.class).withId("task-tb-1").execute();
    task.setStatus(Task.TaskStatus.CANCELLED);

    Response put = httpAs(ANC).send("PUT", "/fhir/Task/task-tb-1", FHIR_JSON, bytes(encode(task)));
    Response patch = httpAs(ANC).send("PATCH", "/fhir/Task/task-tb-1", "application/json-patch+json",
        bytes("[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"cancelled\"}]"));
    String newId = UUID.randomUUID().toString();
    Task atNewId = task.copy();
    atNewId.setId(newId);
    Response createAtId = httpAs(ANC).send("PUT", "/fhir/Task/" + newId, FHIR_JSON, bytes(encode(atNewId)));

    for (Response response : List.of(put, patch, createAtId)) {
      assertThat(response.status()).isEqualTo(404);
      assertThat(response.passageCode()).isEqualTo("PASSAGE-2001");
    }
    assertThat(fhir().read().resource(Task.class).withId("task-tb-1").execute().getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
  }

  @Test
  void whenTransactionEntriesWriteToResourcesTheSiteMayNotTouchThenNothingIsWritten() {
    Task theirs = fhir().read().resource(Task.class).withId("task-tb-1").execute();
    Bundle foreign = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    foreign.addEntry().setFullUrl("Task/task-tb-1").setResource(theirs.copy().setStatus(Task.TaskStatus.CANCELLED))
        .getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Task/task-tb-1");
    Response put = httpAs(ANC).send("POST", "/fhir", FHIR_JSON, bytes(encodeBundle(foreign)));
    assertThat(put.status()).isEqualTo(404);
    assertThat(put.passageCode()).isEqualTo("PASSAGE-2001");

    Patient mine = fhir().read().resource(Patient.class).withId("client-1").execute();
    mine.setManagingOrganization(new Reference("Organization/tb-1"));
    Bundle reattributed = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    reattributed.addEntry().setFullUrl("Patient/client-1").setResource(mine).getRequest()
        .setMethod(Bundle.HTTPVerb.PUT).setUrl("Patient/client-1");
    assertThatThrownBy(() -> fhir().transaction().withBundle(reattributed).execute())
        .isInstanceOfSatisfying(ForbiddenOperationException.class, e -> assertThat(code(e)).isEqualTo("PASSAGE-3005"));

    Bundle conditional = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    conditional.addEntry().setResource(theirs.copy().setStatus(Task.TaskStatus.CANCELLED)).getRequest()
        .setMethod(Bundle.HTTPVerb.PUT).setUrl("Task?_id=task-tb-1");
    Response conditionalPut = httpAs(ANC).send("POST", "/fhir", FHIR_JSON, bytes(encodeBundle(conditional)));
    assertThat(conditionalPut.status()).isEqualTo(403);
    assertThat(conditionalPut.passageCode()).isEqualTo("PASSAGE-3003");
    Response conditionalAlone = httpAs(ANC).send("PUT", "/fhir/Task?_id=task-tb-1", FHIR_JSON,
        bytes(encode((Task) theirs.copy().setStatus(Task.TaskStatus.CANCELLED).setIdElement(null))));
    assertThat(conditionalAlone.status()).isEqualTo(403);
    assertThat(conditionalAlone.passageCode()).isEqualTo("PASSAGE-3003");

    Bundle patch = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    patch.addEntry().setResource(new org.hl7.fhir.r4.model.Binary().setContentType("application/json-patch+json")
        .setData(bytes("[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"accepted\"}]")))
        .getRequest().setMethod(Bundle.HTTPVerb.PATCH).setUrl("Task/task-anc-1");
    Response patched = http().send("POST", "/fhir", FHIR_JSON, bytes(encodeBundle(patch)));
    assertThat(patched.status()).as("a PATCH entry is held to the workflow as a PATCH alone").isEqualTo(403);
    assertThat(patched.passageCode()).isEqualTo("PASSAGE-4002");

    assertThat(fhir().read().resource(Task.class).withId("task-tb-1").execute().getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
    assertThat(fhir().read().resource(Task.class).withId("task-anc-1").execute().getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
    assertThat(fhir().read().resource(Patient.class).withId("client-1").execute().hasManagingOrganization()).isFalse();
  }

  @Test
  void whenASiteSearchesThenItFindsAndCountsOnlyTheReferralsItIsPartyTo() {
    Bundle tbTasks = fhirAs(TB).search().forResource(Task.class).returnBundle(Bundle.class).execute();
    assertThat(ids(tbTasks)).contains("task-tb-1").doesNotContain("task-anc-1", "task-shelter-1", "task-ost-1");
    assertThat(tbTasks.hasTotal()).as("no count, which could include what is withheld").isFalse();
    assertThat(httpAs(TB).get("/fhir/Task?owner=Organization/anc-1&_summary=count").status()).isEqualTo(400);
    assertThat(httpAs(TB).get("/fhir/Task?owner=Organization/tb-1&_total=accurate").status()).isEqualTo(400);
    assertThat(ids(fhirAs(TB).search().forResource(Task.class).where(Task.OWNER.hasId("Organization/anc-1"))
        .returnBundle(Bundle.class).execute())).isEmpty();
    Bundle ownInbox = fhirAs(TB).search().forResource(Task.class).where(Task.OWNER.hasId("Organization/tb-1"))
        .returnBundle(Bundle.class).execute();
    assertThat(ids(ownInbox)).contains("task-tb-1").doesNotContain("task-anc-1", "task-shelter-1", "task-ost-1");
    Bundle ownOrOthers = fhirAs(TB).search().forResource(Task.class)
        .where(Task.OWNER.hasAnyOfIds("Organization/tb-1", "Organization/anc-1")).returnBundle(Bundle.class).execute();
    assertThat(ids(ownOrOthers)).contains("task-tb-1").doesNotContain("task-anc-1");
    assertThat(ids(fhirAs(TB).search().forResource(Task.class).where(Task.OWNER.hasId("Organization/tb-1"))
        .and(Task.REQUESTER.hasId("Organization/hr-1")).count(500).returnBundle(Bundle.class).execute()))
        .containsExactlyInAnyOrderElementsOf(ids(fhirAs(TB).search().forResource(Task.class)
            .where(Task.REQUESTER.hasId("Organization/hr-1")).count(500).returnBundle(Bundle.class).execute()));
    assertThat(ids(fhirAs(TB).search().forResource(ServiceRequest.class).where(ServiceRequest.RES_ID.exactly().code("sr-anc-1"))
        .returnBundle(Bundle.class).execute())).isEmpty();

    Bundle inbox = fhirAs(ANC).search().forResource(Task.class)
        .where(Task.RES_ID.exactly().codes("task-anc-1", "task-tb-1", "task-shelter-1")).include(Task.INCLUDE_FOCUS)
        .revInclude(Task.INCLUDE_PART_OF).returnBundle(Bundle.class).execute();
    assertThat(ids(inbox)).contains("task-anc-1", "sr-anc-1").doesNotContain("task-tb-1", "sr-tb-1", "sr-shelter-1");

    Bundle directory = fhirAs(TB).search().forResource(Organization.class).revInclude(Task.INCLUDE_OWNER)
        .returnBundle(Bundle.class).execute();
    assertThat(ids(directory)).contains("anc-1", "tb-1", "task-tb-1").doesNotContain("task-anc-1", "task-shelter-1");
  }

  @Test
  void whenASiteCreatesConditionallyThenOnlyItsOwnClientsCanMatch() {
    String pseudonym = newPseudonym();
    String theirs = fhirAs(TB).create().resource(NetworkBuilders.client(null, pseudonym, 1990)).execute().getId().getIdPart();

    MethodOutcome mine = fhir().create().resource(NetworkBuilders.client(null, pseudonym, 1990))
        .conditional().where(Patient.IDENTIFIER.exactly().systemAndIdentifier(PassageTerminology.CLIENT_PSEUDONYM, pseudonym))
        .execute();

    assertThat(mine.getCreated()).as("another site's client with the same pseudonym is not matched").isTrue();
    assertThat(mine.getId().getIdPart()).isNotEqualTo(theirs);
    MethodOutcome again = fhir().create().resource(NetworkBuilders.client(null, pseudonym, 1990))
        .conditional().where(Patient.IDENTIFIER.exactly().systemAndIdentifier(PassageTerminology.CLIENT_PSEUDONYM, pseudonym))
        .execute();
    assertThat(again.getId().getIdPart()).as("its own client is matched").isEqualTo(mine.getId().getIdPart());
  }

  @Test
  void whenAWriteReturnsTheResourceThenTheGatewaysTagsAndLabelsAreNotInIt() {
    Bundle sent = fhir().transaction().withBundle(ReferralTransactions.newClientReferral(
        newPseudonym(), "hr-1", "anc-1", "prenatal-care", "pregnancy-care", Instant.now()))
        .withAdditionalHeader("Prefer", "return=representation").execute();
    MethodOutcome created = fhir().create().resource(NetworkBuilders.client(null, newPseudonym(), 1999))
        .prefer(PreferReturnEnum.REPRESENTATION).execute();

    assertThat(sent.getEntry()).allSatisfy(entry -> {
      assertThat(entry.getResource().getMeta().getTag()).isEmpty();
      assertThat(entry.getResource().getMeta().getSecurity()).isEmpty();
    });
    assertThat(created.getResource().getMeta().getTag()).isEmpty();
    assertThat(created.getResource().getMeta().getSecurity()).isEmpty();
  }

  @Test
  void whenASiteSearchesThroughReverseOrForwardChainsThenTheSearchIsRefused() {
    Response has = httpAs(TB).get("/fhir/Organization?_has:Task:owner:patient=Patient/client-1");
    Response chain = httpAs(TB).get("/fhir/Task?patient.identifier=PSN-7Q4K-2M9D");

    for (Response response : List.of(has, chain)) {
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.passageCode()).isEqualTo("PASSAGE-1009");
    }
  }

  @Test
  void whenTheOwnerWorksOnItsReferralThenItSeesItButCannotChangeItsRequester() {
    Bundle sent = fhir().transaction().withBundle(ReferralTransactions.newClientReferral(
        newPseudonym(), "hr-1", "anc-1", "prenatal-care", "pregnancy-care", Instant.now())).execute();
    String taskId = idOf(sent, "Task");
    String referralId = idOf(sent, "ServiceRequest");

    Task task = fhirAs(ANC).read().resource(Task.class).withId(taskId).execute();
    assertThat(fhirAs(ANC).read().resource(ServiceRequest.class).withId(referralId).execute().getRequester().getReference())
        .isEqualTo("Organization/hr-1");
    assertThat(task.getMeta().getTag()).as("the gateway's own tags are never shown").isEmpty();

    task.setStatus(Task.TaskStatus.ACCEPTED);
    assertThat(fhirAs(ANC).update().resource(task).execute().getId().getVersionIdPart()).isEqualTo("2");

    Task hijacked = fhirAs(ANC).read().resource(Task.class).withId(taskId).execute();
    hijacked.setRequester(new Reference("Organization/anc-1"));
    assertThatThrownBy(() -> fhirAs(ANC).update().resource(hijacked).execute())
        .isInstanceOfSatisfying(ForbiddenOperationException.class, e -> assertThat(code(e)).isEqualTo("PASSAGE-3005"));

    Task seenByRequester = fhir().read().resource(Task.class).withId(taskId).execute();
    assertThat(seenByRequester.getStatus()).isEqualTo(Task.TaskStatus.ACCEPTED);
    assertThat(seenByRequester.getRequester().getReference()).isEqualTo("Organization/hr-1");
  }

  @Test
  void whenAnAuditorReadsClinicalDataOrTheDirectoryThenForbidden() {
    IGenericClient auditor = fhirAs(AUDITOR);
    fhir().transaction().withBundle(ReferralTransactions.newClientReferral(
        newPseudonym(), "hr-1", "tb-1", "tb", "presumptive-tb", Instant.now())).execute();

    assertForbidden(() -> auditor.read().resource(Patient.class).withId("client-1").execute());
    assertForbidden(() -> auditor.read().resource(Task.class).withId("task-anc-1").execute());
    assertForbidden(() -> auditor.search().forResource(ServiceRequest.class).returnBundle(Bundle.class).execute());
    assertForbidden(() -> auditor.read().resource(Organization.class).withId("hr-1").execute());
    Bundle consentsWithClients = auditor.search().forResource(Consent.class).include(Consent.INCLUDE_PATIENT)
        .returnBundle(Bundle.class).execute();
    assertThat(consentsWithClients.getEntry()).as("included clients are left out").isNotEmpty()
        .allSatisfy(entry -> assertThat(entry.getResource()).isInstanceOf(Consent.class));
  }

  @Test
  void whenAnAuditorReadsTheConsentAndAuditLogsThenItSeesThem() {
    fhir().transaction().withBundle(ReferralTransactions.newClientReferral(
        newPseudonym(), "hr-1", "tb-1", "tb", "presumptive-tb", Instant.now())).execute();

    Bundle consents = fhirAs(AUDITOR).search().forResource(Consent.class).returnBundle(Bundle.class).execute();
    assertThat(consents.getEntry()).isNotEmpty()
        .allSatisfy(entry -> assertThat(entry.getResource()).isInstanceOf(Consent.class));
    assertThat(fhirAs(AUDITOR).search().forResource("AuditEvent").returnBundle(Bundle.class).execute()).isNotNull();
  }

  @Test
  void whenAnAdminReadsClinicalDataThenForbidden() {
    IGenericClient admin = fhirAs(ADMIN);

    assertForbidden(() -> admin.read().resource(Patient.class).withId("client-1").execute());
    assertForbidden(() -> admin.search().forResource(Task.class).returnBundle(Bundle.class).execute());
    assertForbidden(() -> admin.read().resource(Consent.class).withId("consent-" + UUID.randomUUID()).execute());
    Bundle sitesWithTasks = admin.search().forResource(Organization.class).revInclude(Task.INCLUDE_OWNER)
        .returnBundle(Bundle.class).execute();
    assertThat(sitesWithTasks.getEntry()).as("included Tasks are left out").isNotEmpty()
        .allSatisfy(entry -> assertThat(entry.getResource()).isInstanceOf(Organization.class));
  }

  @Test
  void whenAnAdminManagesTheDirectoryAndTerminologyThenItMay() {
    String id = "north-" + UUID.randomUUID().toString().substring(0, 8);
    fhirAs(ADMIN).update().resource(NetworkBuilders.site(id, "Northside Harm Reduction Outreach", "harm-reduction-site")).execute();

    assertThat(fhirAs(SITE).read().resource(Organization.class).withId(id).execute().getName())
        .isEqualTo("Northside Harm Reduction Outreach");
    assertThat(fhirAs(ADMIN).search().forResource(CodeSystem.class)
        .where(CodeSystem.URL.matches().value("https://passage-gateway.org/fhir/CodeSystem/passage-site-type"))
        .returnBundle(Bundle.class).execute().getEntry()).hasSize(1);
    assertForbidden(() -> fhirAs(SITE).update().resource(NetworkBuilders.site("forged-1", "Forged Site", "tb-service")).execute());
  }

  @Test
  void whenExtendedOperationsPassageDoesNotOfferAreCalledThenTheyAreRefusedWhetherOrNotTheResourceExists() {
    String[][] calls = {
      {"GET", "/fhir/Task/task-tb-1/$meta"},
      {"GET", "/fhir/Task/" + UUID.randomUUID() + "/$meta"},
      {"POST", "/fhir/Task/task-tb-1/$meta-add"},
      {"POST", "/fhir/Task/task-tb-1/$meta-delete"},
      {"GET", "/fhir/Patient/client-1/$everything"},
      {"GET", "/fhir/Patient/$everything"},
      {"GET", "/fhir/$export"},
      {"GET", "/fhir/Patient/$export"},
      {"POST", "/fhir/$graphql"},
      {"GET", "/fhir/Task/task-tb-1/$graphql"},
      {"POST", "/fhir/$reindex"},
      {"POST", "/fhir/Task/task-tb-1/$reindex"},
      {"POST", "/fhir/$expunge"},
      {"POST", "/fhir/Task/task-tb-1/$expunge"},
      {"POST", "/fhir/Subscription/x/$trigger-subscription"},
      {"POST", "/fhir/Task/task-tb-1/$validate"},
      {"POST", "/fhir/CodeSystem/$upload-external-code-system"},
      {"POST", "/fhir/CodeSystem/$apply-codesystem-delta-add"},
      {"GET", "/fhir/Task/_history"},
      {"GET", "/fhir/_history"},
      {"GET", "/fhir/$get-resource-counts"},
      {"POST", "/fhir/Patient/$merge"},
      {"POST", "/fhir/Task/task-tb-1/$diff"},
    };
    for (String client : List.of(SITE, ADMIN)) {
      for (String[] call : calls) {
        Response response = httpAs(client).send(call[0], call[1], call[0].equals("POST") ? FHIR_JSON : null,
            call[0].equals("POST") ? bytes("{\"resourceType\":\"Parameters\"}") : null);
        String what = client + " " + call[0] + " " + call[1] + " " + response.body();
        if (response.status() == 400) {
          // An operation the gateway does not offer at all: HAPI's "unknown operation" answer.
          assertThat(response.passageCode()).as(what).isEqualTo("PASSAGE-1009");
          assertThat(response.outcome().getIssueFirstRep().getDiagnostics()).as(what).contains("does not know how to handle");
          continue;
        }
        assertThat(response.status()).as(what).isIn(403, 404, 405);
        assertThat(response.passageCode()).as(what).isIn("PASSAGE-3003", "PASSAGE-1006", "PASSAGE-1007");
      }
    }
  }

  @Test
  void whenAClientIsDisabledThenItsLiveTokenNoLongerReadsFhir() {
    DemoCredentials.Client original = DemoCredentials.client("demo-site-shelter-1");
    String token = AccessTokens.of(anonymousHttp(), port, original, "system/Task.rs", AccessTokens.SITE_PURPOSE);
    assertThat(readTask(token, "task-shelter-1").status()).isEqualTo(200);

    String registration = httpAs(ADMIN).get("/admin/clients/demo-site-shelter-1").body();
    httpAs(ADMIN).send("POST", "/admin/clients/demo-site-shelter-1/$disable", null, null);
    try {
      Response refused = readTask(token, "task-shelter-1");
      assertThat(refused.status()).isEqualTo(401);
      assertThat(refused.passageCode()).isEqualTo("PASSAGE-3001");
    } finally {
      httpAs(ADMIN).send("PUT", "/admin/clients/demo-site-shelter-1", "application/json", bytes(registration));
    }
    assertThat(readTask(token, "task-shelter-1").status()).isEqualTo(200);
  }

  private Response readTask(String token, String id) {
    return anonymousHttp().send("GET", "/fhir/Task/" + id, null, null, "Authorization", "Bearer " + token);
  }

  private IGenericClient as(String clientId, String scope) {
    String token = AccessTokens.of(anonymousHttp(), port, DemoCredentials.client(clientId), scope);
    IGenericClient client = anonymousFhir();
    client.registerInterceptor(new ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor(token));
    return client;
  }

  private static void assertForbidden(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ForbiddenOperationException.class,
        e -> assertThat(code(e)).isEqualTo("PASSAGE-3003"));
  }

  private static String code(BaseServerResponseException e) {
    return ((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep().getDetails().getCodingFirstRep().getCode();
  }

  private static String tag(Task task) {
    String marker = UUID.randomUUID().toString();
    task.getMeta().addTag("urn:passage:test", marker, null);
    return marker;
  }

  private static int tagged(IGenericClient client, String marker) {
    return client.search().forResource(Task.class).withTag("urn:passage:test", marker)
        .returnBundle(Bundle.class).execute().getEntry().size();
  }

  private static List<String> ids(Bundle bundle) {
    return bundle.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
  }

  private static String idOf(Bundle transactionResponse, String type) {
    return transactionResponse.getEntry().stream().map(e -> e.getResponse().getLocation())
        .filter(location -> location.startsWith(type + "/")).findFirst().orElseThrow().split("/")[1];
  }

  private static String encodeBundle(Bundle bundle) {
    return ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().encodeResourceToString(bundle);
  }

  private static String encode(Task task) {
    return ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().encodeResourceToString(task);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
