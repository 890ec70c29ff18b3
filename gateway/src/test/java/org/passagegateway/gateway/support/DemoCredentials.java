package org.passagegateway.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.Consumer;

/** The demo clients of test-data's {@code demo/clients.json}, and client assertions signed with their keys. */
public final class DemoCredentials {

  /** A demo client with its private key. */
  public record Client(String clientId, String organization, String role, String scope, JWK privateKey) {}

  private DemoCredentials() {}

  public static Client client(String clientId) {
    try (InputStream in = DemoCredentials.class.getClassLoader().getResourceAsStream("demo/clients.json")) {
      for (JsonNode node : new ObjectMapper().readTree(in)) {
        if (node.get("client_id").asText().equals(clientId)) {
          return new Client(clientId, node.has("organization") ? node.get("organization").asText() : null,
              node.get("role").asText(), node.get("scope").asText(), JWK.parse(node.get("private_jwk").toString()));
        }
      }
      throw new IllegalArgumentException("no demo client " + clientId);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A valid assertion of the client for the token endpoint, as SMART Backend Services defines it. */
  public static String assertion(Client client, String tokenEndpoint) {
    return assertion(client, tokenEndpoint, claims -> {}, header -> {}, client.privateKey());
  }

  /** An assertion with changed claims or header, signed with {@code signingKey}. */
  public static String assertion(Client client, String tokenEndpoint, Consumer<JWTClaimsSet.Builder> claims,
      Consumer<JWSHeader.Builder> header, JWK signingKey) {
    JWSAlgorithm algorithm = "RSA".equals(signingKey.getKeyType().getValue()) ? JWSAlgorithm.RS384 : JWSAlgorithm.ES384;
    JWTClaimsSet.Builder claimSet = new JWTClaimsSet.Builder()
        .issuer(client.clientId()).subject(client.clientId()).audience(tokenEndpoint)
        .expirationTime(Date.from(Instant.now().plusSeconds(240))).jwtID(UUID.randomUUID().toString());
    claims.accept(claimSet);
    JWSHeader.Builder headers = new JWSHeader.Builder(algorithm).keyID(client.privateKey().getKeyID());
    header.accept(headers);
    try {
      JWSHeader built = headers.build();
      SignedJWT jwt = new SignedJWT(built, claimSet.build());
      jwt.sign(new DefaultJWSSignerFactory().createJWSSigner(signingKey, built.getAlgorithm()));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
