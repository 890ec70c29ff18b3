package org.passagegateway.gateway.signin;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * The second factor: RFC 6238 time-based one-time codes (six digits, 30-second steps, HMAC-SHA1,
 * what every authenticator app reads from an {@code otpauth://} URI), computed by java-otp. A code
 * of the step before or after the current one is accepted too, for a phone's clock that is a little off.
 */
final class OneTimeCodes {

  private static final int SECRET_BYTES = 20;
  private static final String ALGORITHM = "HmacSHA1";

  private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator();
  private final SecureRandom random = new SecureRandom();
  private final Base32 base32 = new Base32();

  /** A new shared secret, base32 without padding. */
  String newSecret() {
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(secret);
    return base32.encodeToString(secret).replace("=", "");
  }

  /** The URI an authenticator app reads (as a QR code or typed). */
  String provisioningUri(String issuer, String username, String secret) {
    String label = URLEncoder.encode(issuer + ":" + username, StandardCharsets.UTF_8).replace("+", "%20");
    return "otpauth://totp/" + label + "?secret=" + secret + "&issuer="
        + URLEncoder.encode(issuer, StandardCharsets.UTF_8).replace("+", "%20") + "&algorithm=SHA1&digits=6&period=30";
  }

  /** The code of the step {@code at} falls in (for tests and enrolment checks). */
  String codeAt(String secret, Instant at) {
    try {
      return generator.generateOneTimePasswordString(key(secret), at);
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("unusable one-time code secret", e);
    }
  }

  /** The time step of {@code code} if it is the code of the step of {@code now} or of one next to it. */
  OptionalLong matchingStep(String secret, String code, Instant now) {
    if (code == null || !code.matches("[0-9]{6}")) {
      return OptionalLong.empty();
    }
    Duration step = generator.getTimeStep();
    long current = now.getEpochSecond() / step.getSeconds();
    for (long candidate = current - 1; candidate <= current + 1; candidate++) {
      Instant at = Instant.ofEpochSecond(candidate * step.getSeconds());
      if (java.security.MessageDigest.isEqual(codeAt(secret, at).getBytes(StandardCharsets.US_ASCII),
          code.getBytes(StandardCharsets.US_ASCII))) {
        return OptionalLong.of(candidate);
      }
    }
    return OptionalLong.empty();
  }

  private SecretKeySpec key(String secret) {
    return new SecretKeySpec(base32.decode(secret), ALGORITHM);
  }
}
