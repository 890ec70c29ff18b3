package org.passagegateway.gateway.security;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * The first admin of a deployment, so that an operator can register everyone else over the admin
 * API: with {@code passage.security.bootstrap-admin.client-id} and {@code .jwks} (a file holding
 * the admin's public JWK Set), that client is registered at start-up with the admin role, unless a
 * client of that id is registered already (a restart changes nothing an admin did since).
 */
final class BootstrapAdmin implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);
  private static final List<String> SCOPES = List.of("system/Organization.cruds", "system/Endpoint.cruds",
      "system/HealthcareService.cruds", "system/Practitioner.cruds", "system/PractitionerRole.cruds");

  private final ClientRegistry registry;
  private final SecurityProperties.Bootstrap bootstrap;

  BootstrapAdmin(ClientRegistry registry, SecurityProperties.Bootstrap bootstrap) {
    this.registry = registry;
    this.bootstrap = bootstrap;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (bootstrap == null || bootstrap.clientId() == null || bootstrap.jwks() == null) {
      return;
    }
    if (registry.find(bootstrap.clientId()).isPresent()) {
      return;
    }
    try {
      registry.save(new RegisteredClient(bootstrap.clientId(), Optional.empty(), Role.ADMIN, publicKeys(bootstrap.jwks()),
          new LinkedHashSet<>(SCOPES), true));
    } catch (DataIntegrityViolationException registeredMeanwhile) {
      // Several nodes starting together on an empty database: another one registered it first.
      if (registry.find(bootstrap.clientId()).isPresent()) {
        return;
      }
      throw registeredMeanwhile;
    }
    log.info("Registered the bootstrap admin client {}", bootstrap.clientId());
  }

  private static JWKSet publicKeys(Path file) {
    try {
      JWKSet keys = JWKSet.load(file.toFile()).toPublicJWKSet();
      if (keys.isEmpty() || keys.getKeys().stream().anyMatch(key -> key.getKeyID() == null)) {
        throw new IllegalStateException("passage.security.bootstrap-admin.jwks must hold public keys, each with a kid");
      }
      return keys;
    } catch (IOException | ParseException e) {
      throw new IllegalStateException("cannot read passage.security.bootstrap-admin.jwks as a JWK Set", e);
    }
  }
}
