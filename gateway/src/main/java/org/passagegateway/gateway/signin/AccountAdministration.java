package org.passagegateway.gateway.signin;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.passagegateway.gateway.error.ErrorResponseWriter;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.gateway.error.PassageException;
import org.passagegateway.gateway.security.Caller;
import org.passagegateway.gateway.security.CallerAuthentication;
import org.passagegateway.gateway.security.RegistryAudit;
import org.passagegateway.gateway.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * People's accounts, kept by admins ({@code /admin/accounts}, behind the door's admin rule): create
 * one for an auditor or admin with a first password, which answers the second factor's secret
 * once (as an {@code otpauth://} URI for her authenticator app), or one linked to her subject at
 * the external OpenID Connect provider, who signs in there; list; disable (her tokens end at
 * once) and enable; reset her password and second factor. Nothing answered ever includes a
 * password or its hash. Each change is written with its audit event in one transaction.
 */
@RestController
final class AccountAdministration {

  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");
  private static final String OTP_ISSUER = "Passage";
  /** OpenID Connect Core 2: a subject is at most 255 ASCII characters. */
  private static final Pattern PROVIDER_SUBJECT = Pattern.compile("[\\x21-\\x7e]{1,255}");

  private final PersonAccounts accounts;
  private final PasswordEncoder passwords;
  private final OneTimeCodes codes;
  private final SignInProperties properties;
  private final ExternalProviderProperties provider;
  private final RegistryAudit audit;
  private final TransactionTemplate transactions;
  private final ErrorResponseWriter errors;
  private final Clock clock = Clock.systemUTC();

  AccountAdministration(PersonAccounts accounts, PasswordEncoder passwords, OneTimeCodes codes,
      SignInProperties properties, ExternalProviderProperties provider, RegistryAudit audit,
      PlatformTransactionManager transactions, ErrorResponseWriter errors) {
    this.provider = provider;
    this.accounts = accounts;
    this.passwords = passwords;
    this.codes = codes;
    this.properties = properties;
    this.audit = audit;
    this.transactions = new TransactionTemplate(transactions);
    this.errors = errors;
  }

  @GetMapping(path = "/admin/accounts", produces = MediaType.APPLICATION_JSON_VALUE)
  List<Map<String, Object>> list() {
    requireAdmin();
    return accounts.all().stream().map(this::view).toList();
  }

  @PostMapping(path = "/admin/accounts", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> create(@RequestBody JsonNode body) {
    Caller admin = requireAdmin();
    String username = body.path("username").asText("");
    if (!USERNAME.matcher(username).matches()) {
      throw PassageError.INVALID_REQUEST.exception(
          "username is 3 to 64 characters: lower-case letters, digits, '.', '_' or '-', beginning with a letter or digit");
    }
    Role role = role(body);
    Optional<PersonAccount.ProviderIdentity> identity = providerIdentity(body);
    // One who signs in through the provider gets a password and second factor no one is told.
    String password = identity.isPresent() ? codes.newSecret() + codes.newSecret() : password(body);
    String secret = codes.newSecret();
    PersonAccount account = new PersonAccount(username, role, passwords.encode(password), secret, true, 0,
        Optional.empty(), 0, identity);
    transactions.executeWithoutResult(status -> {
      if (!accounts.create(account, clock.instant())) {
        throw PassageError.ACCOUNT_EXISTS.exception();
      }
      audit.changed(admin, Caller.personAgent(username));
    });
    Map<String, Object> answer = view(accounts.find(username).orElseThrow());
    if (identity.isEmpty()) {
      answer.put("otpauth", codes.provisioningUri(OTP_ISSUER, username, secret));
    }
    return ResponseEntity.status(HttpStatus.CREATED).body(answer);
  }

  @PostMapping(path = "/admin/accounts/{username}/$disable", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> disable(@PathVariable String username) {
    return setEnabled(username, false);
  }

  @PostMapping(path = "/admin/accounts/{username}/$enable", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> enable(@PathVariable String username) {
    return setEnabled(username, true);
  }

  @PostMapping(path = "/admin/accounts/{username}/$reset", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> reset(@PathVariable String username, @RequestBody JsonNode body) {
    Caller admin = requireAdmin();
    if (accounts.find(username).flatMap(PersonAccount::provider).isPresent()) {
      throw PassageError.INVALID_REQUEST.exception(
          "this account signs in through the OpenID Connect provider, where its credentials are kept");
    }
    String password = password(body);
    String secret = codes.newSecret();
    transactions.executeWithoutResult(status -> {
      if (!accounts.reset(username, passwords.encode(password), secret)) {
        throw PassageError.RESOURCE_NOT_FOUND.exception();
      }
      audit.changed(admin, Caller.personAgent(username));
    });
    Map<String, Object> answer = view(accounts.find(username).orElseThrow());
    answer.put("otpauth", codes.provisioningUri(OTP_ISSUER, username, secret));
    return answer;
  }

  @ExceptionHandler(PassageException.class)
  ResponseEntity<String> refused(PassageException error) {
    return errors.entity(error);
  }

  private Map<String, Object> setEnabled(String username, boolean enabled) {
    Caller admin = requireAdmin();
    transactions.executeWithoutResult(status -> {
      if (!accounts.setEnabled(username, enabled)) {
        throw PassageError.RESOURCE_NOT_FOUND.exception();
      }
      audit.changed(admin, Caller.personAgent(username));
    });
    return view(accounts.find(username).orElseThrow());
  }

  private Map<String, Object> view(PersonAccount account) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("username", account.username());
    view.put("role", account.role().code());
    view.put("enabled", account.enabled());
    view.put("locked", account.lockedAt(clock.instant()));
    view.put("signIn", account.provider().isPresent() ? "provider" : "password");
    account.provider().ifPresent(identity -> {
      view.put("providerIssuer", identity.issuer());
      view.put("providerSubject", identity.subject());
    });
    return view;
  }

  /**
   * Her identity at the external provider, if given instead of a password: her subject there, and
   * its issuer (the configured provider's unless named).
   */
  private Optional<PersonAccount.ProviderIdentity> providerIdentity(JsonNode body) {
    if (!body.has("providerSubject")) {
      return Optional.empty();
    }
    String issuer = body.has("providerIssuer") ? body.path("providerIssuer").asText("")
        : provider.issuer().map(java.net.URI::toString).orElse("");
    if (issuer.isEmpty() || issuer.length() > 255 || !PROVIDER_SUBJECT.matcher(issuer).matches()) {
      throw PassageError.INVALID_REQUEST.exception("providerIssuer is the provider's issuer URL (passage.signin.oidc.issuer"
          + " when none is named; no provider is configured)");
    }
    String subject = body.path("providerSubject").asText("");
    if (body.has("password")) {
      throw PassageError.INVALID_REQUEST.exception("give a password or a providerSubject, not both");
    }
    if (!PROVIDER_SUBJECT.matcher(subject).matches()) {
      throw PassageError.INVALID_REQUEST.exception(
          "providerSubject is the provider's sub claim: 1 to 255 printable ASCII characters");
    }
    return Optional.of(new PersonAccount.ProviderIdentity(issuer, subject));
  }

  private String password(JsonNode body) {
    String password = body.path("password").asText("");
    if (password.length() < properties.minPasswordLength() || password.length() > 256) {
      throw PassageError.INVALID_REQUEST.exception("password is " + properties.minPasswordLength()
          + " to 256 characters");
    }
    return password;
  }

  private static Role role(JsonNode body) {
    String code = body.path("role").asText("");
    if (!code.equals(Role.AUDITOR.code()) && !code.equals(Role.ADMIN.code())) {
      throw PassageError.INVALID_REQUEST.exception("role must be auditor or admin (sites sign in as systems)");
    }
    return Role.fromCode(code);
  }

  /** The admin calling (the door let only admins through to here). */
  private static Caller requireAdmin() {
    return CallerAuthentication.require(Role.ADMIN);
  }
}
