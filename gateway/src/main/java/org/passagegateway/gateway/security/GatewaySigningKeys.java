package org.passagegateway.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's own keys for signing access tokens: the first signs, every one verifies (so a key
 * can be rotated without invalidating tokens already issued). Loaded from PEM files with Bouncy
 * Castle; without any, one EC P-256 key is generated for this process.
 */
public final class GatewaySigningKeys {

  private static final Logger log = LoggerFactory.getLogger(GatewaySigningKeys.class);

  private final List<JWK> keys;

  private GatewaySigningKeys(List<JWK> keys) {
    this.keys = List.copyOf(keys);
  }

  /** The keys in the given PEM files, or a generated key when there are none. */
  public static GatewaySigningKeys load(List<Path> pemFiles) {
    if (pemFiles.isEmpty()) {
      log.warn("No passage.security.signing-keys: generated a signing key for this process only;"
          + " tokens will not verify on other nodes or after a restart");
      return new GatewaySigningKeys(List.of(generated()));
    }
    List<JWK> keys = new ArrayList<>();
    for (Path file : pemFiles) {
      keys.add(fromPem(file));
    }
    return new GatewaySigningKeys(keys);
  }

  /** The key that signs new tokens (private). */
  public JWK current() {
    return keys.get(0);
  }

  /** The algorithm the current key signs with. */
  public JWSAlgorithm algorithm() {
    return current() instanceof RSAKey ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256;
  }

  /** Every key that verifies tokens, public parts only. */
  public JWKSet verificationKeys() {
    return new JWKSet(keys).toPublicJWKSet();
  }

  private static JWK generated() {
    try {
      return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).keyIDFromThumbprint(true).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate a signing key", e);
    }
  }

  private static JWK fromPem(Path file) {
    try (Reader reader = Files.newBufferedReader(file); PEMParser parser = new PEMParser(reader)) {
      Object pem = parser.readObject();
      if (!(pem instanceof PEMKeyPair pair)) {
        throw new IllegalArgumentException("not a PEM private key (EC or RSA key pair): " + file);
      }
      KeyPair keys = new JcaPEMKeyConverter().getKeyPair(pair);
      JWK jwk = keys.getPrivate() instanceof ECPrivateKey ec
          ? new ECKey.Builder(Curve.forECParameterSpec(((ECPublicKey) keys.getPublic()).getParams()), (ECPublicKey) keys.getPublic())
              .privateKey(ec).keyUse(KeyUse.SIGNATURE).keyIDFromThumbprint().build()
          : new RSAKey.Builder((RSAPublicKey) keys.getPublic()).privateKey((RSAPrivateKey) keys.getPrivate())
              .keyUse(KeyUse.SIGNATURE).keyIDFromThumbprint().build();
      return jwk;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the signing key " + file, e);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("cannot use the signing key " + file, e);
    }
  }
}
