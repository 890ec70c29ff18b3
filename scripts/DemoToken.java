import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Gets an access token for a demo client: signs a SMART Backend Services client assertion with the
 * client's demo-only key from test-data's demo/clients.json and exchanges it at the token endpoint.
 * Run through scripts/demo-token.
 */
public class DemoToken {
  public static void main(String[] args) throws Exception {
    String clientId = args[0];
    String scope = args[1];
    String base = args[2];
    JsonNode client = null;
    for (JsonNode node : new ObjectMapper().readTree(Path.of(args[3]).toFile())) {
      if (node.get("client_id").asText().equals(clientId)) {
        client = node;
      }
    }
    if (client == null) {
      throw new IllegalArgumentException("no demo client " + clientId);
    }
    JWK key = JWK.parse(client.get("private_jwk").toString());
    JWSAlgorithm algorithm = "RSA".equals(key.getKeyType().getValue()) ? JWSAlgorithm.RS384 : JWSAlgorithm.ES384;
    String tokenEndpoint = base + "/auth/token";
    SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(),
        new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(tokenEndpoint)
            .expirationTime(Date.from(Instant.now().plusSeconds(240))).jwtID(UUID.randomUUID().toString()).build());
    assertion.sign(new DefaultJWSSignerFactory().createJWSSigner(key, algorithm));
    String form = "grant_type=client_credentials"
        + "&client_assertion_type=" + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
        + "&client_assertion=" + assertion.serialize()
        + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)
        + (args.length > 4 ? "&purpose_of_use=" + URLEncoder.encode(args[4], StandardCharsets.UTF_8) : "");
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(tokenEndpoint)).header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      System.err.println(response.body());
      System.exit(1);
    }
    System.out.println(new ObjectMapper().readTree(response.body()).get("access_token").asText());
  }
}
