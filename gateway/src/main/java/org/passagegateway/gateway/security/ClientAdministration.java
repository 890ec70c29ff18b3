package org.passagegateway.gateway.security;

import java.net.URI;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWKSet;
import jakarta.servlet.http.HttpServletRequest;
import java.text.ParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.passagegateway.gateway.error.ErrorResponseWriter;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.gateway.error.PassageException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The client registry over HTTP, for admins only: register or replace a client ({@code PUT
 * /admin/clients/{id}}), list them ({@code GET /admin/clients}), rotate its keys ({@code PUT /admin/clients/{id}/jwks}), disable it
 * ({@code POST /admin/clients/{id}/$disable}, which ends its tokens at once) and read it. Keys
 * are public JWKS; a private key sent by mistake is never stored. Each change is written with its
 * audit event in one database transaction.
 */
@RestController
final class ClientAdministration {


  private final ClientRegistry registry;
  private final ClientKeys keys;
  private final ErrorResponseWriter errors;

  private final RegistryAudit audit;
  private final TransactionTemplate transactions;

  ClientAdministration(ClientRegistry registry, ClientKeys keys, ErrorResponseWriter errors, RegistryAudit audit,
      PlatformTransactionManager transactions) {
    this.keys = keys;
    this.audit = audit;
    this.transactions = new TransactionTemplate(transactions);
    this.registry = registry;
    this.errors = errors;
  }

  @GetMapping(path = "/admin/clients", produces = MediaType.APPLICATION_JSON_VALUE)
  java.util.List<Map<String, Object>> list(HttpServletRequest request) {
    requireAdmin(request);
    return registry.all().stream().map(ClientAdministration::view).toList();
  }

  @GetMapping(path = "/admin/clients/{clientId}", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> read(@PathVariable String clientId, HttpServletRequest request) {
    requireAdmin(request);
    return view(registry.find(clientId).orElseThrow(() -> PassageError.RESOURCE_NOT_FOUND.exception()));
  }

  @PutMapping(path = "/admin/clients/{clientId}", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> register(@PathVariable String clientId, @RequestBody JsonNode body, HttpServletRequest request) {
    Caller admin = requireAdmin(request);
    Role role = role(body);
    Optional<String> organization = Optional.ofNullable(body.get("organization")).map(JsonNode::asText);
    if (role == Role.SITE && organization.filter(org -> org.matches("Organization/[A-Za-z0-9.-]{1,64}")).isEmpty()) {
      throw PassageError.INVALID_REQUEST.exception("A site client acts for one Organization: give organization as Organization/<id>");
    }
    Optional<URI> jwksUri = jwksUri(body);
    RegisteredClient client = new RegisteredClient(clientId, role == Role.SITE ? organization : Optional.empty(), role,
        jwksUri.isPresent() ? new JWKSet() : jwks(body.get("jwks")), scopes(body),
        !body.has("enabled") || body.get("enabled").asBoolean(), jwksUri);
    save(client, admin);
    return view(client);
  }

  @PutMapping(path = "/admin/clients/{clientId}/jwks", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> rotateKeys(@PathVariable String clientId, @RequestBody JsonNode jwks, HttpServletRequest request) {
    Caller admin = requireAdmin(request);
    RegisteredClient current = registry.find(clientId).orElseThrow(() -> PassageError.RESOURCE_NOT_FOUND.exception());
    RegisteredClient rotated = new RegisteredClient(clientId, current.organization(), current.role(), jwks(jwks),
        current.allowedScopes(), current.enabled(), Optional.empty());
    save(rotated, admin);
    return view(rotated);
  }

  @PostMapping(path = "/admin/clients/{clientId}/$disable", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> disable(@PathVariable String clientId, HttpServletRequest request) {
    Caller admin = requireAdmin(request);
    RegisteredClient current = registry.find(clientId).orElseThrow(() -> PassageError.RESOURCE_NOT_FOUND.exception());
    RegisteredClient disabled = new RegisteredClient(clientId, current.organization(), current.role(),
        current.publicKeys(), current.allowedScopes(), false, current.jwksUri());
    save(disabled, admin);
    return view(disabled);
  }

  @ExceptionHandler(PassageException.class)
  ResponseEntity<String> refused(PassageException error) {
    return errors.entity(error);
  }

  private void save(RegisteredClient client, Caller admin) {
    transactions.executeWithoutResult(status -> {
      registry.save(client);
      audit.changed(admin, client.clientId());
    });
  }

  /** The admin calling (the door let only admins through to here). */
  private static Caller requireAdmin(HttpServletRequest request) {
    return CallerAuthentication.require(Role.ADMIN);
  }

  private static Role role(JsonNode body) {
    try {
      return Role.fromCode(body.path("role").asText());
    } catch (IllegalArgumentException e) {
      throw PassageError.INVALID_REQUEST.exception("role must be site, auditor or admin");
    }
  }

  /**
   * The client's JWKS URL, if it is registered with one instead of its keys (exactly one of the
   * two): https, a public host (or what the deployment allows; {@link ClientKeys#acceptable}).
   */
  private Optional<URI> jwksUri(JsonNode body) {
    if (!body.hasNonNull("jwks_uri")) {
      return Optional.empty();
    }
    if (body.hasNonNull("jwks")) {
      throw PassageError.INVALID_REQUEST.exception("give jwks or jwks_uri, not both");
    }
    try {
      URI uri = new URI(body.get("jwks_uri").asText());
      if (!uri.isAbsolute() || uri.toString().length() > 2048 || !keys.acceptable(uri)) {
        throw PassageError.INVALID_REQUEST.exception("jwks_uri must be an https URL of a public host");
      }
      return Optional.of(uri);
    } catch (java.net.URISyntaxException e) {
      throw PassageError.INVALID_REQUEST.exception("jwks_uri must be an https URL of a public host");
    }
  }

  private static JWKSet jwks(JsonNode jwks) {
    try {
      JWKSet set = JWKSet.parse(jwks == null ? "" : jwks.toString());
      JWKSet publicKeys = set.toPublicJWKSet();
      boolean usable = !set.isEmpty() && publicKeys.size() == set.size()
          && publicKeys.getKeys().stream().allMatch(key -> key.getKeyID() != null);
      if (!usable) {
        throw PassageError.INVALID_REQUEST.exception("jwks must hold at least one EC or RSA key, each with a kid");
      }
      return publicKeys;
    } catch (ParseException e) {
      throw PassageError.INVALID_REQUEST.exception("jwks must be a JWK Set");
    }
  }

  private static Set<String> scopes(JsonNode body) {
    Set<String> scopes = new LinkedHashSet<>(Arrays.asList(body.path("scope").asText().trim().split("\\s+")));
    scopes.remove("");
    if (scopes.isEmpty() || scopes.stream().anyMatch(scope -> SmartScope.parse(scope).isEmpty())) {
      throw PassageError.INVALID_REQUEST.exception("scope must list SMART system scopes, such as system/Task.cruds");
    }
    return scopes;
  }

  private static Map<String, Object> view(RegisteredClient client) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("client_id", client.clientId());
    client.organization().ifPresent(org -> view.put("organization", org));
    view.put("role", client.role().code());
    view.put("scope", String.join(" ", client.allowedScopes()));
    view.put("enabled", client.enabled());
    client.jwksUri().ifPresentOrElse(uri -> view.put("jwks_uri", uri.toString()),
        () -> view.put("jwks", client.publicKeys().toJSONObject(true)));
    return view;
  }
}
