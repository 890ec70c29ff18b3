package org.passagegateway.gateway.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import org.passagegateway.gateway.security.ClientRegistry;
import org.passagegateway.gateway.security.RegisteredClient;
import org.passagegateway.gateway.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the demo network's clients (one per demo site, an auditor, an admin) from {@code
 * demo/clients.json} in the test-data module, those not registered yet: a registration that exists
 * is never changed. Only their public keys are stored; the private keys
 * in that file are for the demo and the tests, and for nothing else.
 */
final class DemoClientsLoader {

  static final String RESOURCE = "demo/clients.json";
  private static final Logger log = LoggerFactory.getLogger(DemoClientsLoader.class);

  private final ClientRegistry registry;

  DemoClientsLoader(ClientRegistry registry) {
    this.registry = registry;
  }

  void load() {
    JsonNode clients = read();
    int added = 0;
    for (JsonNode client : clients) {
      if (registry.find(client.get("client_id").asText()).isPresent()) {
        // Registered before: an admin may have disabled it or changed its keys since.
        continue;
      }
      added++;
      registry.save(new RegisteredClient(
          client.get("client_id").asText(),
          Optional.ofNullable(client.get("organization")).map(JsonNode::asText),
          Role.fromCode(client.get("role").asText()),
          new JWKSet(publicKey(client.get("private_jwk"))),
          new LinkedHashSet<>(Arrays.asList(client.get("scope").asText().split(" "))),
          true));
    }
    log.info("Demo clients registered: {} of {} (the others were already)", added, clients.size());
  }

  private static JWK publicKey(JsonNode privateJwk) {
    try {
      return JWK.parse(privateJwk.toString()).toPublicJWK();
    } catch (ParseException e) {
      throw new IllegalStateException("a demo client's key is not a JWK", e);
    }
  }

  private static JsonNode read() {
    try (InputStream in = DemoClientsLoader.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path");
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
