package org.passagegateway.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Issues the gateway's short-lived access tokens: JWTs signed with its current key. */
public final class AccessTokenIssuer {

  static final String ROLE_CLAIM = "passage_role";
  static final String ORGANIZATION_CLAIM = "passage_organization";
  /** Present, as {@value #PERSON}, in the token of a person who signed in; absent in a client's. */
  static final String KIND_CLAIM = "passage_kind";
  static final String PERSON = "person";

  private final GatewaySigningKeys keys;
  private final Duration lifetime;
  private final Clock clock;

  public AccessTokenIssuer(GatewaySigningKeys keys, Duration lifetime, Clock clock) {
    this.keys = keys;
    this.lifetime = lifetime;
    this.clock = clock;
  }

  /** A token for the client, carrying the granted scopes, the stated purpose of use, its role and its organization. */
  public IssuedToken issue(RegisteredClient client, Set<String> scopes, Optional<String> purposeOfUse, String issuer,
      String audience) {
    JWTClaimsSet.Builder claims = claims(client.clientId(), client.role(), scopes, issuer, audience);
    client.organization().ifPresent(org -> claims.claim(ORGANIZATION_CLAIM, org));
    purposeOfUse.ifPresent(purpose -> claims.claim(PurposeOfUse.CLAIM, purpose));
    return sign(claims, scopes);
  }

  /**
   * A token for a person who signed in (an auditor or admin, through the authorization-code flow):
   * her account's name as subject, marked as a person's, with the user scopes granted.
   */
  public IssuedToken issueForPerson(String username, Role role, Set<String> scopes, String issuer, String audience) {
    return sign(claims(username, role, scopes, issuer, audience).claim(KIND_CLAIM, PERSON), scopes);
  }

  private JWTClaimsSet.Builder claims(String subject, Role role, Set<String> scopes, String issuer, String audience) {
    Instant now = clock.instant();
    return new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(subject)
        .audience(audience)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(lifetime)))
        .jwtID(UUID.randomUUID().toString())
        .claim("scope", String.join(" ", scopes))
        .claim(ROLE_CLAIM, role.code());
  }

  private IssuedToken sign(JWTClaimsSet.Builder claims, Set<String> scopes) {
    try {
      JWSSigner signer = new DefaultJWSSignerFactory().createJWSSigner(keys.current(), keys.algorithm());
      SignedJWT token = new SignedJWT(
          new JWSHeader.Builder(keys.algorithm()).keyID(keys.current().getKeyID()).build(), claims.build());
      token.sign(signer);
      return new IssuedToken(token.serialize(), lifetime.toSeconds(), String.join(" ", scopes));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign an access token", e);
    }
  }

  /** An issued token, as the token endpoint returns it. */
  public record IssuedToken(String accessToken, long expiresIn, String scope) {}
}
