package org.passagegateway.gateway.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.ConsoleSignIn;
import org.passagegateway.gateway.support.People;
import org.passagegateway.gateway.support.People.Account;
import org.passagegateway.gateway.support.RawHttp;
import org.passagegateway.gateway.support.RawHttp.Response;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What signing in must do on every database (its counting and locking are single conditional
 * statements, whose SQL each database must take): run on H2 by {@link SignInTest} and on
 * PostgreSQL by {@link SignInOnPostgresTest}.
 */
interface SignInContract {

  String PASSWORD = People.PASSWORD;
  String AUDIT_SCOPE = "user/AuditEvent.rs";

  /** The gateway's base URL. */
  String base();

  /** Plain HTTP as the demo admin. */
  RawHttp admin();

  JdbcTemplate jdbc();

  default Account createAccount(String role) {
    return People.create(admin(), role);
  }

  @Test
  default void whenAnAuditorSignsInThenHerTokenReadsTheLog() {
    Account auditor = createAccount("auditor");
    ConsoleSignIn browser = new ConsoleSignIn(base());

    String code = browser.signIn(auditor.username(), PASSWORD, auditor.code(Instant.now()), AUDIT_SCOPE).orElseThrow();
    String token = ConsoleSignIn.accessToken(browser.exchange(code));

    assertThat(new RawHttp(base(), () -> token).get("/fhir/AuditEvent?_count=1").status()).isEqualTo(200);
  }

  @Test
  default void whenManyAttemptsArriveAtOnceThenNoMoreThanFiveAreEverCheckedBeforeTheLock() throws Exception {
    Account auditor = createAccount("auditor");
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      java.util.List<java.util.concurrent.Future<Optional<String>>> attempts = new java.util.ArrayList<>();
      for (int i = 0; i < 24; i++) {
        String guess = "wrong password " + i;
        attempts.add(pool.submit(() -> new ConsoleSignIn(base()).signIn(auditor.username(), guess,
            auditor.code(Instant.now()), AUDIT_SCOPE)));
      }
      for (var attempt : attempts) {
        assertThat(attempt.get()).isEmpty();
      }
    } finally {
      pool.shutdown();
    }

    assertThat(jdbc().queryForObject("select failed_attempts from psg_person_account where username = ?", Integer.class,
        auditor.username())).isEqualTo(5);
    assertThat(new ConsoleSignIn(base()).signIn(auditor.username(), PASSWORD, auditor.code(Instant.now()), AUDIT_SCOPE))
        .as("locked, even for the right code").isEmpty();
  }

  @Test
  default void whenAOneTimeCodeIsUsedTwiceThenTheSecondSignInIsRefused() {
    Account auditor = createAccount("auditor");
    String code = auditor.code(Instant.now());
    assertThat(new ConsoleSignIn(base()).signIn(auditor.username(), PASSWORD, code, AUDIT_SCOPE)).isPresent();

    assertThat(new ConsoleSignIn(base()).signIn(auditor.username(), PASSWORD, code, AUDIT_SCOPE)).isEmpty();
  }

  @Test
  default void whenSignInFailsFiveTimesThenTheAccountIsLockedEvenForTheRightPasswordAndCode() {
    Account auditor = createAccount("auditor");
    for (int i = 0; i < 5; i++) {
      assertThat(new ConsoleSignIn(base()).signIn(auditor.username(), "wrong password " + i, "000000", AUDIT_SCOPE)).isEmpty();
    }

    Optional<String> locked = new ConsoleSignIn(base()).signIn(auditor.username(), PASSWORD, auditor.code(Instant.now()),
        AUDIT_SCOPE);

    assertThat(locked).isEmpty();
    assertThat(admin().get("/admin/accounts").body()).contains("\"username\":\"" + auditor.username()
        + "\",\"role\":\"auditor\",\"enabled\":true,\"locked\":true");
  }

  @Test
  default void whenAnAdminResetsAnAccountThenTheSessionOpenedBeforeGetsNoMoreTokens() {
    Account auditor = createAccount("auditor");
    ConsoleSignIn browser = new ConsoleSignIn(base());
    browser.signIn(auditor.username(), PASSWORD, auditor.code(Instant.now()), AUDIT_SCOPE).orElseThrow();

    Response reset = admin().send("POST", "/admin/accounts/" + auditor.username() + "/$reset", "application/json",
        ("{\"password\":\"" + PASSWORD + " again\"}").getBytes(StandardCharsets.UTF_8));

    assertThat(reset.status()).isEqualTo(200);
    String code = browser.authorizeAgain(AUDIT_SCOPE).orElseThrow();
    HttpResponse<String> exchanged = browser.exchange(code);
    assertThat(exchanged.statusCode()).isEqualTo(400);
    assertThat(exchanged.body()).contains("invalid_grant").doesNotContain("access_token");
  }
}
