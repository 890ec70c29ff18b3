package org.passagegateway.gateway.security;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SMART system scope, {@code system/<Type or *>.<permissions>}: SMART v2 permissions ({@code
 * c r u d s}, in that order) or the v1 forms {@code read}, {@code write} and {@code *}.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html">SMART scopes</a>
 */
public record SmartScope(String resourceType, String permissions) {

  private static final Pattern SCOPE = Pattern.compile("system/([A-Za-z]+|\\*)\\.(c?r?u?d?s?|read|write|\\*)");
  private static final Pattern USER_SCOPE = Pattern.compile("user/([A-Za-z]+|\\*)\\.(c?r?u?d?s?|read|write|\\*)");
  private static final String ALL = "cruds";

  /** The scope a string names, if it is a well-formed system scope. */
  public static Optional<SmartScope> parse(String scope) {
    return parse(SCOPE, scope);
  }

  /**
   * The scope a string names, if it is a well-formed user scope ({@code user/<Type or *>.<permissions>}):
   * what a person signed in at the gateway is granted.
   */
  public static Optional<SmartScope> parseUser(String scope) {
    return parse(USER_SCOPE, scope);
  }

  private static Optional<SmartScope> parse(Pattern pattern, String scope) {
    Matcher matcher = pattern.matcher(scope);
    if (!matcher.matches() || matcher.group(2).isEmpty()) {
      return Optional.empty();
    }
    String permissions = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
      case "read" -> "rs";
      case "write" -> "cud";
      case "*" -> ALL;
      default -> matcher.group(2);
    };
    return Optional.of(new SmartScope(matcher.group(1), permissions));
  }

  /** Whether this (allowed) scope includes everything the other (requested) one asks for. */
  public boolean covers(SmartScope requested) {
    boolean type = resourceType.equals("*") || resourceType.equals(requested.resourceType);
    return type && requested.permissions.chars().allMatch(p -> permissions.indexOf(p) >= 0);
  }

  /** Whether this scope allows the permission ({@code c r u d s}) on the resource type. */
  public boolean allows(String type, char permission) {
    return (resourceType.equals("*") || resourceType.equals(type)) && permissions.indexOf(permission) >= 0;
  }
}
