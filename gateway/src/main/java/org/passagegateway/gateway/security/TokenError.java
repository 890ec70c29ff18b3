package org.passagegateway.gateway.security;

import java.util.Locale;

/**
 * The token endpoint's errors, as RFC 6749 section 5.2 defines them. Descriptions name the rule a
 * request broke, never a value from it.
 */
public enum TokenError {
  INVALID_REQUEST(400),
  INVALID_CLIENT(401),
  INVALID_GRANT(400),
  UNAUTHORIZED_CLIENT(400),
  UNSUPPORTED_GRANT_TYPE(400),
  INVALID_SCOPE(400);

  private final int httpStatus;

  TokenError(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The {@code error} value of the response, e.g. {@code invalid_client}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public Failure failure(String description) {
    return new Failure(this, description);
  }

  /** A refused token request. */
  public static final class Failure extends RuntimeException {
    private final transient TokenError error;

    Failure(TokenError error, String description) {
      super(description, null, false, false);
      this.error = error;
    }

    public TokenError error() {
      return error;
    }
  }
}
