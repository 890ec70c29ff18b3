package org.passagegateway.gateway.support;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;
import org.passagegateway.gateway.support.RawHttp.Response;

/** Accounts of people who sign in, made by an admin over HTTP for a test, with their second factor. */
public final class People {

  public static final String PASSWORD = "correct horse battery staple";
  private static final AtomicInteger NAMES = new AtomicInteger();

  private People() {}

  /** An account and its authenticator: the code of any moment. */
  public record Account(String username, String password, String secret) {
    public String code(Instant at) {
      try {
        return new TimeBasedOneTimePasswordGenerator().generateOneTimePasswordString(
            new SecretKeySpec(new Base32().decode(secret), "HmacSHA1"), at);
      } catch (InvalidKeyException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** A new name, unique in this test JVM. */
  public static String newName(String prefix) {
    return prefix + "-" + NAMES.incrementAndGet();
  }

  /** Creates an account of the role (auditor or admin) as the admin {@code http} acts for. */
  public static Account create(RawHttp admin, String role) {
    String username = newName(role);
    Response created = createRaw(admin, username, role, PASSWORD);
    if (created.status() != 201) {
      throw new IllegalStateException("account not created: " + created.status() + " " + created.body());
    }
    String uri = created.body().replaceAll(".*\"otpauth\":\"([^\"]+)\".*", "$1");
    return new Account(username, PASSWORD, uri.replaceAll(".*[?&]secret=([A-Z2-7]+).*", "$1"));
  }

  public static Response createRaw(RawHttp admin, String username, String role, String password) {
    return admin.send("POST", "/admin/accounts", "application/json",
        ("{\"username\":\"" + username + "\",\"role\":\"" + role + "\",\"password\":\"" + password + "\"}")
            .getBytes(StandardCharsets.UTF_8));
  }
}
