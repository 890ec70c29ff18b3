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
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;
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
      KeyPair pair = keyPair(parser.readObject(), file);
      JWK jwk = pair.getPrivate() instanceof ECPrivateKey ec
          ? new ECKey.Builder(Curve.forECParameterSpec(((ECPublicKey) pair.getPublic()).getParams()), (ECPublicKey) pair.getPublic())
              .privateKey(ec).keyUse(KeyUse.SIGNATURE).keyIDFromThumbprint().build()
          : new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
              .keyUse(KeyUse.SIGNATURE).keyIDFromThumbprint().build();
      return jwk;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the signing key " + file, e);
    } catch (JOSEException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot use the signing key " + file, e);
    }
  }

  /**
   * The key pair of a PEM private key: OpenSSL's traditional form (SEC1 "EC PRIVATE KEY", PKCS#1
   * "RSA PRIVATE KEY"), which holds both halves, or PKCS#8 ("PRIVATE KEY", what OpenSSL 3
   * writes), whose public half is derived.
   */
  private static KeyPair keyPair(Object pem, Path file) throws IOException, GeneralSecurityException {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    if (pem instanceof PEMKeyPair pair) {
      return converter.getKeyPair(pair);
    }
    if (pem instanceof PrivateKeyInfo info) {
      PrivateKey privateKey = converter.getPrivateKey(info);
      if (privateKey instanceof RSAPrivateCrtKey rsa) {
        PublicKey publicKey = KeyFactory.getInstance("RSA")
            .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        return new KeyPair(publicKey, privateKey);
      }
      if (privateKey instanceof ECPrivateKey ec) {
        return new KeyPair(ecPublicKey(ec), privateKey);
      }
    }
    throw new IllegalArgumentException("not an EC or RSA private key in PEM: " + file);
  }

  /** The public key of an EC private key: its scalar times the curve's generator (Bouncy Castle). */
  private static PublicKey ecPublicKey(ECPrivateKey key) throws GeneralSecurityException {
    org.bouncycastle.jce.spec.ECParameterSpec bcParams = EC5Util.convertSpec(key.getParams());
    org.bouncycastle.math.ec.ECPoint q = bcParams.getG().multiply(key.getS()).normalize();
    java.security.spec.ECPoint w = new java.security.spec.ECPoint(
        q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
    return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, key.getParams()));
  }
}
