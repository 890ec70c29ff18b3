package org.passagegateway.gateway.audit;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.openssl.PEMParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The gateway's Ed25519 checkpoint key: from a PEM file (Bouncy Castle), or generated for this process. */
final class AuditSigningKey {

  private static final Logger log = LoggerFactory.getLogger(AuditSigningKey.class);

  private AuditSigningKey() {}

  static Ed25519PrivateKeyParameters load(Path pem) {
    if (pem == null) {
      log.warn("No passage.audit.signing-key: generated an audit checkpoint key for this process only");
      return new Ed25519PrivateKeyParameters(new SecureRandom());
    }
    try (Reader reader = Files.newBufferedReader(pem); PEMParser parser = new PEMParser(reader)) {
      Object read = parser.readObject();
      if (read instanceof PrivateKeyInfo info) {
        AsymmetricKeyParameter key = PrivateKeyFactory.createKey(info);
        if (key instanceof Ed25519PrivateKeyParameters ed25519) {
          return ed25519;
        }
      }
      throw new IllegalArgumentException("not an Ed25519 private key in PKCS#8 PEM: " + pem);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit signing key " + pem, e);
    }
  }
}
