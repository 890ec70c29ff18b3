package org.passagegateway.gateway.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.ConsoleSignIn;
import org.passagegateway.gateway.support.GatewayTest;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RawHttp;
import org.passagegateway.gateway.support.RawHttp.Response;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * People sign in through an external OpenID Connect provider instead of a password: a real
 * provider on loopback (mock-oauth2-server: discovery, signed ID tokens, the code flow), reached
 * over real HTTP by a browser that follows each redirect by hand. This gateway is configured as a
 * network that has turned password sign-in off.
 */
class ExternalSignInTest extends GatewayTest {

  private static final String ISSUER_ID = "network-idp";
  private static final String CLIENT_ID = "passage-gateway";
  private static final String AUDIT_SCOPE = "user/AuditEvent.rs";
  /** Lives as long as the test JVM: the Spring context it configures is cached beyond this class. */
  private static final MockOAuth2Server PROVIDER = startProvider();
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static String nextSubject;

  @org.springframework.beans.factory.annotation.Autowired SignInAttempts attempts;

  @DynamicPropertySource
  static void provider(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> H2GatewayTest.h2Url(H2GatewayTest.newDataDir()));
    registry.add("passage.signin.oidc.issuer", () -> PROVIDER.issuerUrl(ISSUER_ID).toString());
    registry.add("passage.signin.oidc.client-id", () -> CLIENT_ID);
    registry.add("passage.signin.oidc.client-secret", () -> "provider-secret-for-tests");
    registry.add("passage.signin.oidc.name", () -> "Network ID");
    registry.add("passage.signin.password-sign-in", () -> "false");
  }

  @Test
  void whenALinkedPersonSignsInThroughTheProviderThenTheConsoleGetsATokenTheFhirApiAccepts() {
    String username = link("auditor", "subject-" + NAMES.incrementAndGet());
    String subject = subjectOf(username);
    ConsoleSignIn browser = new ConsoleSignIn(base());

    HttpResponse<String> page = startAtSignInPage(browser);
    assertThat(page.body()).contains("Sign in with Network ID").doesNotContain("name=\"password\"");
    HttpResponse<String> toProvider = browser.get(base() + "/signin/oidc/start/provider");
    URI authorize = URI.create(ConsoleSignIn.location(toProvider));
    assertThat(authorize.toString()).startsWith(PROVIDER.issuerUrl(ISSUER_ID) + "/authorize?");
    assertThat(authorize.getQuery()).contains("code_challenge_method=S256", "nonce=", "client_id=" + CLIENT_ID,
        "redirect_uri=" + base() + "/signin/oidc/callback", "scope=openid", "prompt=login");
    PROVIDER.enqueueCallback(idToken(subject, List.of(CLIENT_ID), Map.of("amr", List.of("pwd", "mfa"))));
    Optional<String> code = completeAtProvider(browser, authorize);

    assertThat(code).isPresent();
    String token = ConsoleSignIn.accessToken(browser.exchange(code.get()));
    Response search = new RawHttp(base(), () -> token).get("/fhir/AuditEvent?_count=1");
    assertThat(search.status()).isEqualTo(200);
    assertThat(search.body()).contains("\"resourceType\":\"Bundle\"");
    // Her sign-in is in the log as a password sign-in's is: her account here is the agent.
    AuditEvent login = lastLogin("person:" + username);
    assertThat(login.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
    assertThat(login.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo(username);
  }

  @Test
  void whenTheProvidersSubjectIsLinkedToNoAccountThenSignInIsRefusedAndAudited() {
    ConsoleSignIn browser = new ConsoleSignIn(base());
    int before = logins("person:?", AuditEvent.AuditEventOutcome._4);

    Optional<String> code = signInThroughProvider(browser,
        idToken("nobody-linked-" + NAMES.incrementAndGet(), List.of(CLIENT_ID), Map.of("amr", List.of("mfa"))));

    assertThat(code).isEmpty();
    assertThat(browser.get(base() + "/signin?refused").body()).contains("id=\"signin-error\"", "was refused");
    assertThat(logins("person:?", AuditEvent.AuditEventOutcome._4)).isEqualTo(before + 1);
    assertThat(browser.authorizeAgain(AUDIT_SCOPE)).isEmpty();
  }

  @Test
  void whenTheLinkedAccountIsDisabledThenSignInThroughTheProviderIsRefused() {
    String username = link("auditor", "subject-" + NAMES.incrementAndGet());
    assertThat(httpAs(ADMIN).send("POST", "/admin/accounts/" + username + "/$disable", null, null).status())
        .isEqualTo(200);

    Optional<String> code = signInThroughProvider(new ConsoleSignIn(base()),
        idToken(subjectOf(username), List.of(CLIENT_ID), Map.of("amr", List.of("mfa"))));

    assertThat(code).isEmpty();
    assertThat(lastLogin("person:" + username).getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
  }

  @Test
  void whenTheProviderReportsNoSecondFactorThenSignInIsRefused() {
    String username = link("auditor", "subject-" + NAMES.incrementAndGet());

    Optional<String> passwordOnly = signInThroughProvider(new ConsoleSignIn(base()),
        idToken(subjectOf(username), List.of(CLIENT_ID), Map.of("amr", List.of("pwd"))));
    Optional<String> noMethods = signInThroughProvider(new ConsoleSignIn(base()),
        idToken(subjectOf(username), List.of(CLIENT_ID), Map.of()));

    assertThat(passwordOnly).isEmpty();
    assertThat(noMethods).isEmpty();
    assertThat(lastLogin("person:" + username).getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
  }

  @Test
  void whenTheIdTokenHasExpiredThenItIsNotAcceptedAndNoOneSignsIn() {
    String username = link("admin", "subject-" + NAMES.incrementAndGet());
    int before = logins("person:" + username, null);
    int unknown = logins("person:?", AuditEvent.AuditEventOutcome._4);

    // Ten minutes stale: beyond the minute of clock skew allowed.
    Optional<String> code = signInThroughProvider(new ConsoleSignIn(base()),
        idToken(subjectOf(username), List.of(CLIENT_ID), Map.of("amr", List.of("mfa")), -600));

    assertThat(code).isEmpty();
    // Refused by the ID token's verification, before anyone is known: logged as an attempt by no
    // known account, nothing as her.
    assertThat(logins("person:" + username, null)).isEqualTo(before);
    assertThat(logins("person:?", AuditEvent.AuditEventOutcome._4)).isEqualTo(unknown + 1);
  }

  @Test
  void whenSheAuthenticatedAtTheProviderLongBeforeThenSignInIsRefused() {
    String username = link("auditor", "subject-" + NAMES.incrementAndGet());
    long anHourAgo = Instant.now().minusSeconds(3600).getEpochSecond();

    Optional<String> code = signInThroughProvider(new ConsoleSignIn(base()),
        idToken(subjectOf(username), List.of(CLIENT_ID), Map.of("amr", List.of("mfa"), "auth_time", anHourAgo)));

    assertThat(code).isEmpty();
    assertThat(lastLogin("person:" + username).getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
  }

  @Test
  void whenPasswordSignInIsOffThenThePageHasNoFormAndAPostedPasswordIsNeverChecked() {
    HttpResponse<String> page = startAtSignInPage(new ConsoleSignIn(base()));
    // Refused before any account is looked up, and audited as an attempt by no known account.
    PersonAuthenticationProvider passwordsOff = new PersonAuthenticationProvider(attempts, false);
    int unknown = logins("person:?", AuditEvent.AuditEventOutcome._4);

    assertThat(page.body()).doesNotContain("<form", "name=\"password\"", "name=\"code\"");
    assertThatThrownBy(() -> passwordsOff.authenticate(
        org.springframework.security.authentication.UsernamePasswordAuthenticationToken.unauthenticated("auditor",
            "the right password"))).isInstanceOf(org.springframework.security.authentication.BadCredentialsException.class);
    assertThat(logins("person:?", AuditEvent.AuditEventOutcome._4)).isEqualTo(unknown + 1);
  }

  @Test
  void whenAnAdminLinksAnAccountThenNoPasswordOrSecondFactorIsAnsweredAndItCannotBeReset() {
    String username = "linked-" + NAMES.incrementAndGet();
    Response created = httpAs(ADMIN).send("POST", "/admin/accounts", "application/json",
        ("{\"username\":\"" + username + "\",\"role\":\"auditor\",\"providerSubject\":\"subject-of-" + username + "\"}")
            .getBytes(StandardCharsets.UTF_8));
    Response duplicate = httpAs(ADMIN).send("POST", "/admin/accounts", "application/json",
        ("{\"username\":\"other-" + username + "\",\"role\":\"auditor\",\"providerSubject\":\"subject-of-" + username
            + "\"}").getBytes(StandardCharsets.UTF_8));
    Response both = httpAs(ADMIN).send("POST", "/admin/accounts", "application/json",
        ("{\"username\":\"both-" + username + "\",\"role\":\"auditor\",\"providerSubject\":\"s\","
            + "\"password\":\"a long enough password\"}").getBytes(StandardCharsets.UTF_8));
    Response badSubject = httpAs(ADMIN).send("POST", "/admin/accounts", "application/json",
        ("{\"username\":\"bad-" + username + "\",\"role\":\"auditor\",\"providerSubject\":\"has space\"}")
            .getBytes(StandardCharsets.UTF_8));
    Response reset = httpAs(ADMIN).send("POST", "/admin/accounts/" + username + "/$reset", "application/json",
        "{\"password\":\"a long enough password\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body()).contains("\"signIn\":\"provider\"", "\"providerSubject\":\"subject-of-" + username + "\"",
        "\"providerIssuer\":\"" + PROVIDER.issuerUrl(ISSUER_ID) + "\"")
        .doesNotContain("otpauth", "password");
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.passageCode()).isEqualTo("PASSAGE-3006");
    assertThat(both.status()).isEqualTo(400);
    assertThat(both.passageCode()).isEqualTo("PASSAGE-1009");
    assertThat(badSubject.status()).isEqualTo(400);
    assertThat(badSubject.body()).doesNotContain("has space");
    assertThat(reset.status()).isEqualTo(400);
    assertThat(reset.passageCode()).isEqualTo("PASSAGE-1009");
  }

  @Test
  void whenTheProviderCannotBeReachedThenThePageSaysSoAndAnUnknownRegistrationIsNotFound() {
    ConsoleSignIn browser = new ConsoleSignIn(base());

    HttpResponse<String> page = browser.get(base() + "/signin?unavailable");
    HttpResponse<String> unknown = browser.get(base() + "/signin/oidc/start/another");

    assertThat(page.body()).contains("id=\"signin-error\"", "cannot be reached just now");
    assertThat(unknown.statusCode()).isEqualTo(404);
  }

  @Test
  void whenTheSignInCookieIsSetThenItIsLaxSoTheProvidersRedirectBackCarriesIt() {
    HttpResponse<String> authorize = new ConsoleSignIn(base()).get(new ConsoleSignIn(base()).authorizeUrl(AUDIT_SCOPE));

    assertThat(authorize.headers().allValues("Set-Cookie")).anySatisfy(cookie ->
        assertThat(cookie).startsWith("PASSAGE_SIGNIN=").contains("HttpOnly", "SameSite=Lax"));
  }

  // --- helpers --------------------------------------------------------------------------------

  private static MockOAuth2Server startProvider() {
    MockOAuth2Server server = new MockOAuth2Server();
    server.start();
    return server;
  }

  private static DefaultOAuth2TokenCallback idToken(String subject, List<String> audience, Map<String, Object> claims) {
    return idToken(subject, audience, claims, 300);
  }

  /** The ID token the provider answers next; she types its subject on the provider's sign-in page. */
  private static DefaultOAuth2TokenCallback idToken(String subject, List<String> audience, Map<String, Object> claims,
      long expiresIn) {
    nextSubject = subject;
    return new DefaultOAuth2TokenCallback(ISSUER_ID, subject, JOSEObjectType.JWT.getType(), audience, claims, expiresIn);
  }

  /** The console's authorization request, which sends her to the sign-in page. */
  private HttpResponse<String> startAtSignInPage(ConsoleSignIn browser) {
    HttpResponse<String> authorize = browser.get(browser.authorizeUrl(AUDIT_SCOPE));
    assertThat(ConsoleSignIn.location(authorize)).isEqualTo(base() + "/signin");
    return browser.get(base() + "/signin");
  }

  /** The whole flow through the provider, which answers with the given ID token. */
  private Optional<String> signInThroughProvider(ConsoleSignIn browser, DefaultOAuth2TokenCallback token) {
    startAtSignInPage(browser);
    URI authorize = URI.create(ConsoleSignIn.location(browser.get(base() + "/signin/oidc/start/provider")));
    PROVIDER.enqueueCallback(token);
    return completeAtProvider(browser, authorize);
  }

  /**
   * At the provider and back: the console's code, or empty if refused. The gateway asks the
   * provider to authenticate her again (prompt=login), so it shows its sign-in page, where she
   * types the subject of the ID token it then answers.
   */
  private Optional<String> completeAtProvider(ConsoleSignIn browser, URI authorize) {
    HttpResponse<String> page = browser.get(authorize.toString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("name=\"username\"");
    HttpResponse<String> atProvider = browser.post(authorize.toString(), Map.of("username", nextSubject));
    String callback = ConsoleSignIn.location(atProvider);
    assertThat(callback).startsWith(base() + "/signin/oidc/callback?");
    String next = ConsoleSignIn.location(browser.get(callback));
    if (next.endsWith("/signin?refused")) {
      return Optional.empty();
    }
    return browser.codeFrom(browser.get(next.startsWith("/") ? base() + next : next));
  }

  /** An account an admin linked to a subject at the provider; its name. */
  private String link(String role, String subject) {
    String username = "ext-" + subject;
    Response created = httpAs(ADMIN).send("POST", "/admin/accounts", "application/json",
        ("{\"username\":\"" + username + "\",\"role\":\"" + role + "\",\"providerSubject\":\"" + subject + "\"}")
            .getBytes(StandardCharsets.UTF_8));
    assertThat(created.status()).isEqualTo(201);
    return username;
  }

  private static String subjectOf(String username) {
    return username.substring("ext-".length());
  }

  private AuditEvent lastLogin(String agent) {
    return loginEvents(agent).stream().max(Comparator.comparing(AuditEvent::getRecorded)).orElseThrow();
  }

  /** How many sign-ins by that agent the log holds (with that outcome, if given). */
  private int logins(String agent, AuditEvent.AuditEventOutcome outcome) {
    return (int) loginEvents(agent).stream().filter(event -> outcome == null || event.getOutcome() == outcome).count();
  }

  private List<AuditEvent> loginEvents(String agent) {
    Bundle bundle = fhirAs(AUDITOR).search().byUrl("AuditEvent?altid=" + java.net.URLEncoder.encode(agent,
        StandardCharsets.UTF_8) + "&type=http://dicom.nema.org/resources/ontology/DCM|110114&_count=500")
        .returnBundle(Bundle.class).execute();
    return bundle.getEntry().stream().map(entry -> (AuditEvent) entry.getResource()).toList();
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
