package org.passagegateway.gateway.security;

import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/** The {@code psg_client} table: registered SMART Backend Services clients. */
public final class ClientRegistry {

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public ClientRegistry(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public Optional<RegisteredClient> find(String clientId) {
    return jdbc.query(
        "SELECT client_id, organization_ref, role, jwks, scopes, enabled, jwks_uri FROM psg_client WHERE client_id = ?",
        ClientRegistry::client, clientId).stream().findFirst();
  }

  /** Every registration, by client id. */
  public List<RegisteredClient> all() {
    return jdbc.query("SELECT client_id, organization_ref, role, jwks, scopes, enabled, jwks_uri FROM psg_client ORDER BY client_id",
        ClientRegistry::client);
  }

  /** Registers a client, or replaces its registration (keys, scopes, organization, role). */
  public void save(RegisteredClient client) {
    Timestamp now = Timestamp.from(clock.instant());
    int updated = jdbc.update(
        "UPDATE psg_client SET organization_ref = ?, role = ?, jwks = ?, scopes = ?, enabled = ?, jwks_uri = ?, changed_at = ? WHERE client_id = ?",
        client.organization().orElse(null), client.role().code(), publicJwks(client), String.join(" ", client.allowedScopes()),
        client.enabled(), client.jwksUri().map(URI::toString).orElse(null), now, client.clientId());
    if (updated == 0) {
      jdbc.update(
          "INSERT INTO psg_client (client_id, organization_ref, role, jwks, scopes, enabled, jwks_uri, created_at, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          client.clientId(), client.organization().orElse(null), client.role().code(), publicJwks(client),
          String.join(" ", client.allowedScopes()), client.enabled(), client.jwksUri().map(URI::toString).orElse(null), now, now);
    }
  }

  private static String publicJwks(RegisteredClient client) {
    // Only public keys are ever stored, whatever the caller passed.
    return client.publicKeys().toPublicJWKSet().toString();
  }

  private static RegisteredClient client(ResultSet row, int rowNumber) throws SQLException {
    try {
      Set<String> scopes = new LinkedHashSet<>(Arrays.asList(row.getString("scopes").trim().split("\\s+")));
      scopes.remove("");
      return new RegisteredClient(row.getString("client_id"), Optional.ofNullable(row.getString("organization_ref")),
          Role.fromCode(row.getString("role")), JWKSet.parse(row.getString("jwks")), scopes, row.getBoolean("enabled"),
          Optional.ofNullable(row.getString("jwks_uri")).map(URI::create));
    } catch (ParseException e) {
      throw new SQLException("psg_client.jwks of a client is not a JWK Set", e);
    }
  }
}
