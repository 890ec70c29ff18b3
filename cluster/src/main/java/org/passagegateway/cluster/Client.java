package org.passagegateway.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One registered client of the network (a site's EHR, the auditor, the admin) talking to the
 * gateway over HTTP as any client would: SMART Backend Services tokens from a client assertion it
 * signs with its own key, then bearer requests. Thread-safe.
 */
final class Client {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .version(HttpClient.Version.HTTP_1_1).build();

  /** An HTTP answer; status -1 when no answer came (the connection failed or timed out). */
  record Answer(int status, String body, Map<String, List<String>> headers) {
    boolean ok() {
      return status / 100 == 2;
    }

    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
    }

    /** The Passage error code of an OperationOutcome answer, or the status. */
    String error() {
      int at = body == null ? -1 : body.indexOf("PASSAGE-");
      return at >= 0 ? body.substring(at, Math.min(body.length(), at + 12)) : status < 0 ? "no answer" : "HTTP " + status;
    }
  }

  private final String clientId;
  private final ECKey key;
  private final String scopes;
  private final String purposeOfUse;
  private final String tokenEndpoint;
  private volatile String token;
  private volatile Instant tokenExpires = Instant.EPOCH;

  Client(String clientId, ECKey key, String scopes, String purposeOfUse, String publicBase) {
    this.clientId = clientId;
    this.key = key;
    this.scopes = scopes;
    this.purposeOfUse = purposeOfUse;
    this.tokenEndpoint = publicBase + "/auth/token";
  }

  /** A new key pair for a client the admin will register. */
  static ECKey newKey(String clientId) {
    try {
      return new ECKeyGenerator(Curve.P_384).keyID(clientId + "-1").algorithm(JWSAlgorithm.ES384).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The admin's key: its PKCS#8 private key and the public JWK Set the gateway registered at start-up. */
  static ECKey adminKey(Path privatePem, Path publicJwks) {
    try {
      String pem = Files.readString(privatePem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      ECPrivateKey privateKey = (ECPrivateKey) KeyFactory.getInstance("EC")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
      ECKey publicKey = (ECKey) JWKSet.load(publicJwks.toFile()).getKeys().get(0);
      return new ECKey.Builder(publicKey).privateKey(privateKey).build();
    } catch (IOException | ParseException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the cluster's admin key", e);
    }
  }

  String clientId() {
    return clientId;
  }

  /** The client's public JWK Set, as the admin registers it. */
  String publicJwks() {
    return new JWKSet(key.toPublicJWK()).toString();
  }

  /** A request to {@code base + path} with this client's token; never throws for a failed connection. */
  Answer send(String base, String method, String path, String contentType, String body) {
    try {
      return call(base, method, path, contentType, body, bearer(base));
    } catch (TokenRefused refused) {
      return refused.answer;
    }
  }

  Answer get(String base, String path) {
    return send(base, "GET", path, null, null);
  }

  static Answer call(String base, String method, String path, String contentType, String body, String authorization) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(90))
        .header("Accept", path.startsWith("/fhir") ? "application/fhir+json" : "application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body(), response.headers().map());
    } catch (IOException e) {
      return new Answer(-1, null, Map.of());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(-1, null, Map.of());
    }
  }

  private static final class TokenRefused extends RuntimeException {
    final transient Answer answer;

    TokenRefused(Answer answer) {
      super(null, null, false, false);
      this.answer = answer;
    }
  }

  private String bearer(String base) {
    if (token == null || Instant.now().isAfter(tokenExpires)) {
      synchronized (this) {
        if (token == null || Instant.now().isAfter(tokenExpires)) {
          String form = "grant_type=client_credentials"
              + "&client_assertion_type=" + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
              + "&client_assertion=" + assertion()
              + "&scope=" + URLEncoder.encode(scopes, StandardCharsets.UTF_8)
              + (purposeOfUse == null ? "" : "&purpose_of_use=" + purposeOfUse);
          Answer answer = call(base, "POST", "/auth/token", "application/x-www-form-urlencoded", form, null);
          if (answer.status() != 200) {
            throw new TokenRefused(answer);
          }
          try {
            JsonNode issued = JSON.readTree(answer.body());
            token = issued.get("access_token").asText();
            tokenExpires = Instant.now().plusSeconds(Math.max(10, issued.path("expires_in").asLong(300) - 60));
          } catch (IOException e) {
            throw new TokenRefused(answer);
          }
        }
      }
    }
    return "Bearer " + token;
  }

  private String assertion() {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(key.getKeyID()).build(),
          new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(tokenEndpoint)
              .expirationTime(Date.from(Instant.now().plusSeconds(240))).jwtID(UUID.randomUUID().toString()).build());
      jwt.sign(new ECDSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
