package org.passagegateway.bench;

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
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** SMART Backend Services as a demo client does it: a signed assertion, then the token endpoint. */
final class BenchTokens {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final String base;
  private final String clientId;
  private final String scope;
  private final JWK key;
  private String token;
  private Instant renewAt = Instant.EPOCH;

  BenchTokens(HttpClient http, String base, String clientId, String scope) throws IOException {
    this.http = http;
    this.base = base;
    this.clientId = clientId;
    this.scope = scope;
    this.key = privateKey(clientId);
  }

  /** A current access token, renewed a minute before it expires. */
  synchronized String current() throws IOException, InterruptedException {
    if (Instant.now().isAfter(renewAt)) {
      token = request(assertion());
      renewAt = Instant.now().plusSeconds(240);
    }
    return token;
  }

  /**
   * A new client's network pseudonym, issued by the gateway ({@code Patient/$pseudonym}) from
   * made-up answers to the network's UIC, as a site gets one before it registers her.
   */
  String pseudonym() throws IOException, InterruptedException {
    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
    return pseudonym(letters(random), letters(random), 1960 + random.nextInt(46), 1 + random.nextInt(12));
  }

  /** The pseudonym of the woman with these answers (the same woman each time for the same answers). */
  String pseudonym(String mother, String given, int year, int month) throws IOException, InterruptedException {
    String body = "{\"resourceType\":\"Parameters\",\"parameter\":["
        + "{\"name\":\"mother-given-name\",\"valueString\":\"" + mother + "\"},"
        + "{\"name\":\"given-name\",\"valueString\":\"" + given + "\"},"
        + "{\"name\":\"sex\",\"valueString\":\"F\"},"
        + "{\"name\":\"birth-year\",\"valueString\":\"" + year + "\"},"
        + "{\"name\":\"birth-month\",\"valueString\":\"" + month + "\"}]}";
    java.net.http.HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(base + "/fhir/Patient/$pseudonym")).header("Authorization", "Bearer " + current())
        .header("Content-Type", "application/fhir+json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("$pseudonym: HTTP " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body()).path("parameter").get(0).path("valueIdentifier").path("value").asText();
  }

  private static String letters(java.util.concurrent.ThreadLocalRandom random) {
    return "" + (char) ('A' + random.nextInt(26)) + (char) ('a' + random.nextInt(26)) + (char) ('a' + random.nextInt(26));
  }

  /** A fresh client assertion (its own jti), signed with the demo client's key. */
  String assertion() {
    JWSAlgorithm algorithm = "RSA".equals(key.getKeyType().getValue()) ? JWSAlgorithm.RS384 : JWSAlgorithm.ES384;
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(base + "/auth/token")
        .expirationTime(Date.from(Instant.now().plusSeconds(240))).jwtID(UUID.randomUUID().toString()).build();
    JWSHeader header = new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build();
    try {
      SignedJWT jwt = new SignedJWT(header, claims);
      jwt.sign(new DefaultJWSSignerFactory().createJWSSigner(key, algorithm));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Exchanges an assertion for an access token. */
  String request(String assertion) throws IOException, InterruptedException {
    String form = "grant_type=client_credentials"
        + "&client_assertion_type=" + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
        + "&client_assertion=" + URLEncoder.encode(assertion, StandardCharsets.UTF_8)
        + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)
        + "&purpose_of_use=TREAT";
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/auth/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("no token: HTTP " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body()).get("access_token").asText();
  }

  private static JWK privateKey(String clientId) throws IOException {
    try (InputStream in = BenchTokens.class.getClassLoader().getResourceAsStream("demo/clients.json")) {
      for (JsonNode client : JSON.readTree(in)) {
        if (client.get("client_id").asText().equals(clientId)) {
          return JWK.parse(client.get("private_jwk").toString());
        }
      }
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalArgumentException("no demo client " + clientId);
  }
}
