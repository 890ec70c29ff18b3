package org.passagegateway.gateway.signin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.ConsoleSignIn;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.People;
import org.passagegateway.gateway.support.People.Account;
import org.passagegateway.gateway.support.RawHttp;
import org.passagegateway.gateway.support.RawHttp.Response;

/**
 * People sign in to the console over real HTTP: the authorization-code flow with PKCE at the
 * gateway's authorization server, a password and a one-time code, accounts created by an admin.
 */
class SignInTest extends H2GatewayTest implements SignInContract {

  private final ObjectMapper json = new ObjectMapper();
  @org.springframework.beans.factory.annotation.Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  @Override
  public org.springframework.jdbc.core.JdbcTemplate jdbc() {
    return jdbc;
  }

  @Override
  public RawHttp admin() {
    return httpAs(ADMIN);
  }

  @Test
  void whenAnAuditorSignsInWithPasswordAndCodeThenTheConsoleGetsATokenTheFhirApiAccepts() throws Exception {
    Account auditor = createAccount("auditor");
    ConsoleSignIn browser = new ConsoleSignIn(base());

    Optional<String> code = browser.signIn(auditor.username(), PASSWORD, auditor.code(Instant.now()), AUDIT_SCOPE);

    assertThat(code).isPresent();
    HttpResponse<String> exchanged = browser.exchange(code.get());
    assertThat(exchanged.statusCode()).isEqualTo(200);
    JsonNode token = json.readTree(exchanged.body());
    assertThat(token.path("token_type").asText()).isEqualTo("Bearer");
    assertThat(token.path("scope").asText()).isEqualTo(AUDIT_SCOPE);
    assertThat(token.has("refresh_token")).isFalse();
    Response search = new RawHttp(base()).send("GET", "/fhir/AuditEvent?_count=1", null, null,
        "Authorization", "Bearer " + token.path("access_token").asText());
    assertThat(search.status()).isEqualTo(200);
    assertThat(search.body()).contains("\"resourceType\":\"Bundle\"");
    // Her sign-in is in the log: BALP's Login, her account as the agent, a success.
    AuditEvent login = lastLogin(auditor.username());
    assertThat(login.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
    assertThat(login.getAgentFirstRep().getType().getCodingFirstRep().getCode()).isEqualTo("humanuser");
    assertThat(login.getAgentFirstRep().getWho().getIdentifier().getSystem()).isEqualTo("https://passage-gateway.org/fhir/sid/person");
    assertThat(login.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo(auditor.username());
  }

  @Test
  void whenTheDemoAuditorSignsInWithTheDemoNetworksPublishedSecretThenTheConsoleGetsAToken() throws Exception {
    JsonNode people = json.readTree(getClass().getClassLoader().getResourceAsStream("demo/people.json"));
    JsonNode demo = people.get(0);
    Account auditor = new Account(demo.get("username").asText(), demo.get("password").asText(),
        demo.get("totp_secret").asText());
    ConsoleSignIn browser = new ConsoleSignIn(base());

    // A code of the step after this one: other tests may have used this step's.
    Optional<String> code = browser.signIn(auditor.username(), auditor.password(), auditor.code(Instant.now().plusSeconds(30)),
        AUDIT_SCOPE);

    assertThat(code).isPresent();
    assertThat(browser.exchange(code.get()).statusCode()).isEqualTo(200);
  }

  @Test
  void whenTheSecondFactorIsWrongThenSignInIsRefusedWithTheSameAnswerAsAWrongPasswordAndAudited() {
    Account auditor = createAccount("auditor");
    String wrongCode = auditor.code(Instant.now().plusSeconds(600));

    ConsoleSignIn wrongFactor = new ConsoleSignIn(base());
    Optional<String> refused = wrongFactor.signIn(auditor.username(), PASSWORD, wrongCode, AUDIT_SCOPE);
    ConsoleSignIn wrongPassword = new ConsoleSignIn(base());
    Optional<String> alsoRefused = wrongPassword.signIn(auditor.username(), "not the password", auditor.code(Instant.now()),
        AUDIT_SCOPE);
    ConsoleSignIn noSuchAccount = new ConsoleSignIn(base());
    Optional<String> noAccount = noSuchAccount.signIn("nobody-" + People.newName("n"), PASSWORD,
        auditor.code(Instant.now()), AUDIT_SCOPE);

    assertThat(refused).isEmpty();
    assertThat(alsoRefused).isEmpty();
    assertThat(noAccount).isEmpty();
    HttpResponse<String> page = wrongFactor.get(base() + "/signin?failed");
    assertThat(page.body()).contains("role=\"alert\"").contains("Sign-in failed.");
    assertThat(lastLogin(auditor.username()).getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
    // The session of a refused sign-in gets no code.
    assertThat(wrongFactor.authorizeAgain(AUDIT_SCOPE)).isEmpty();
  }

  @Test
  void whenACodeIsExchangedWithoutItsVerifierOrTwiceThenNoTokenIsIssued() {
    Account auditor = createAccount("auditor");
    ConsoleSignIn browser = new ConsoleSignIn(base());
    String code = browser.signIn(auditor.username(), PASSWORD, auditor.code(Instant.now()), AUDIT_SCOPE).orElseThrow();

    HttpResponse<String> withoutVerifier = browser.exchange(code, null);
    HttpResponse<String> wrongVerifier = browser.exchange(code, "x".repeat(43));

    // A public client that does not prove possession of the code is not authenticated at all.
    assertThat(withoutVerifier.statusCode()).isEqualTo(400);
    assertThat(withoutVerifier.body()).contains("invalid_client").doesNotContain("access_token");
    assertThat(wrongVerifier.statusCode()).isEqualTo(400);
    assertThat(wrongVerifier.body()).doesNotContain("access_token");

    String second = browser.authorizeAgain(AUDIT_SCOPE).orElseThrow();
    assertThat(browser.exchange(second).statusCode()).isEqualTo(200);
    HttpResponse<String> replayed = browser.exchange(second);
    assertThat(replayed.statusCode()).isEqualTo(400);
    assertThat(replayed.body()).contains("invalid_grant");
  }

  @Test
  void whenAnAccountIsDisabledThenTheTokenItAlreadyHoldsStopsWorkingAtOnce() {
    Account auditor = createAccount("auditor");
    ConsoleSignIn browser = new ConsoleSignIn(base());
    String token = ConsoleSignIn.accessToken(browser.exchange(
        browser.signIn(auditor.username(), PASSWORD, auditor.code(Instant.now()), AUDIT_SCOPE).orElseThrow()));
    assertThat(new RawHttp(base(), () -> token).get("/fhir/AuditEvent?_count=1").status()).isEqualTo(200);

    Response disabled = httpAs(ADMIN).send("POST", "/admin/accounts/" + auditor.username() + "/$disable", null, null);

    assertThat(disabled.status()).isEqualTo(200);
    assertThat(disabled.body()).contains("\"enabled\":false");
    Response refused = new RawHttp(base(), () -> token).get("/fhir/AuditEvent?_count=1");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.passageCode()).isEqualTo("PASSAGE-3001");
  }

  @Test
  void whenOnlyTheSignInSessionCookieIsSentThenTheFhirApiAndTheAdminEndpointsRefuseIt() {
    Account admin = createAccount("admin");
    ConsoleSignIn browser = new ConsoleSignIn(base());
    assertThat(browser.signIn(admin.username(), PASSWORD, admin.code(Instant.now()), "user/*.cruds")).isPresent();

    HttpResponse<String> fhir = browser.get(base() + "/fhir/AuditEvent?_count=1");
    HttpResponse<String> registry = browser.get(base() + "/admin/accounts");

    assertThat(fhir.statusCode()).isEqualTo(401);
    assertThat(fhir.body()).contains("PASSAGE-3001");
    assertThat(registry.statusCode()).isEqualTo(401);
  }

  @Test
  void whenAPersonAdminSignsInThenSheManagesAccountsAndAnAuditorMayNot() throws Exception {
    Account admin = createAccount("admin");
    Account auditor = createAccount("auditor");
    ConsoleSignIn adminBrowser = new ConsoleSignIn(base());
    String adminToken = ConsoleSignIn.accessToken(adminBrowser.exchange(
        adminBrowser.signIn(admin.username(), PASSWORD, admin.code(Instant.now()), "user/*.cruds").orElseThrow()));
    ConsoleSignIn auditorBrowser = new ConsoleSignIn(base());
    String auditorToken = ConsoleSignIn.accessToken(auditorBrowser.exchange(
        auditorBrowser.signIn(auditor.username(), PASSWORD, auditor.code(Instant.now()), AUDIT_SCOPE).orElseThrow()));

    Response created = new RawHttp(base(), () -> adminToken).send("POST", "/admin/accounts", "application/json",
        ("{\"username\":\"made-by-person-" + People.newName("n") + "\",\"role\":\"auditor\",\"password\":\"" + PASSWORD
            + "\"}").getBytes(StandardCharsets.UTF_8));
    Response byAuditor = new RawHttp(base(), () -> auditorToken).get("/admin/accounts");

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body()).contains("otpauth://totp/Passage%3Amade-by-person-").doesNotContain(PASSWORD);
    assertThat(byAuditor.status()).isEqualTo(403);
    assertThat(byAuditor.passageCode()).isEqualTo("PASSAGE-3002");
    // The account's creation is in the log, with the admin who made it as agent.
    assertThat(auditEvents("altid=person:" + admin.username()
        + "&type=https://passage-gateway.org/fhir/CodeSystem/passage-audit-event-type|client-registry-change")).hasSize(1);
  }

  @Test
  void whenAnAccountIsCreatedBadlyThenNothingIsStoredAndTheErrorSaysWhy() {
    String name = "bad-" + People.newName("n");
    Response shortPassword = createRaw(name, "auditor", "short");
    Response siteRole = createRaw(name, "site", PASSWORD);
    Response badName = createRaw("Bad Name!", "auditor", PASSWORD);
    Response first = createRaw(name, "auditor", PASSWORD);
    Response duplicate = createRaw(name, "admin", PASSWORD);

    assertThat(shortPassword.status()).isEqualTo(400);
    assertThat(shortPassword.passageCode()).isEqualTo("PASSAGE-1009");
    assertThat(shortPassword.body()).doesNotContain("short\"");
    assertThat(siteRole.status()).isEqualTo(400);
    assertThat(badName.status()).isEqualTo(400);
    assertThat(badName.body()).doesNotContain("Bad Name!");
    assertThat(first.status()).isEqualTo(201);
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.passageCode()).isEqualTo("PASSAGE-3006");
    assertThat(accounts().body()).contains("\"username\":\"" + name + "\",\"role\":\"auditor\"");
  }

  @Test
  void whenTheSignInPageIsServedThenItHasLabelsACsrfTokenAndAStrictPolicy() {
    HttpResponse<String> page = new ConsoleSignIn(base()).get(base() + "/signin");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<html lang=\"en\">").contains("<label for=\"username\">Name</label>")
        .contains("autocomplete=\"one-time-code\"").contains("name=\"_csrf\"").doesNotContain("<script");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'")
        .contains("frame-ancestors 'none'");
    assertThat(page.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly").contains("SameSite=Strict");
  }

  @Test
  void whenTheSignInFormIsPostedWithoutItsCsrfTokenThenItIsRefused() {
    Account auditor = createAccount("auditor");
    ConsoleSignIn browser = new ConsoleSignIn(base());
    browser.get(browser.authorizeUrl(AUDIT_SCOPE));

    HttpResponse<String> forged = browser.post(base() + "/signin",
        Map.of("username", auditor.username(), "password", PASSWORD, "code", auditor.code(Instant.now())));

    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(browser.authorizeAgain(AUDIT_SCOPE)).isEmpty();
  }

  @Test
  void whenTheRedirectUriIsNotTheConsolesThenNoCodeIsSentThere() {
    Account auditor = createAccount("auditor");
    ConsoleSignIn browser = new ConsoleSignIn(base());
    browser.signIn(auditor.username(), PASSWORD, auditor.code(Instant.now()), AUDIT_SCOPE).orElseThrow();

    HttpResponse<String> elsewhere = browser.get(browser.authorizeUrl(AUDIT_SCOPE)
        .replace("redirect_uri=" + java.net.URLEncoder.encode(browser.redirectUri(), StandardCharsets.UTF_8),
            "redirect_uri=" + java.net.URLEncoder.encode("https://attacker.example/console/", StandardCharsets.UTF_8)));

    assertThat(elsewhere.statusCode()).isEqualTo(400);
    assertThat(elsewhere.headers().firstValue("Location")).isEmpty();
  }

  // --- helpers --------------------------------------------------------------------------------

  private Response createRaw(String username, String role, String password) {
    return People.createRaw(httpAs(ADMIN), username, role, password);
  }

  private Response accounts() {
    return httpAs(ADMIN).get("/admin/accounts");
  }

  private java.util.List<AuditEvent> auditEvents(String query) {
    Bundle bundle = fhirAs(AUDITOR).search().byUrl("AuditEvent?" + query).returnBundle(Bundle.class).execute();
    return bundle.getEntry().stream().map(entry -> (AuditEvent) entry.getResource()).toList();
  }

  private AuditEvent lastLogin(String username) {
    java.util.List<AuditEvent> logins = auditEvents("altid=person:" + username
        + "&type=http://dicom.nema.org/resources/ontology/DCM|110114&_sort=-date");
    assertThat(logins).isNotEmpty();
    return logins.stream().max(java.util.Comparator.comparing(AuditEvent::getRecorded)).orElseThrow();
  }

  @Override
  public String base() {
    return "http://localhost:" + port;
  }
}
