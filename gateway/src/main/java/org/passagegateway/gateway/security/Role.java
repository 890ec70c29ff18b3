package org.passagegateway.gateway.security;

import java.util.Locale;

/** What a registered client is: a member site's system, an auditor or an admin. */
public enum Role {
  /** A clinic system acting for exactly one member Organization. */
  SITE,
  /** Reads the consent and disclosure log and the aggregate indicators, nothing clinical. */
  AUDITOR,
  /** Manages the client registry and conformance resources, reads no clinical data. */
  ADMIN;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
