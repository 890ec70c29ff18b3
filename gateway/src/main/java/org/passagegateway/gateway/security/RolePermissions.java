package org.passagegateway.gateway.security;

import java.util.Map;

/**
 * The most each role may do with each category of data, whatever scopes its clients are granted,
 * as SMART v2 permission letters ({@code c r u d s}). What a caller may do is this ceiling
 * intersected with its token's scopes, except that every authenticated caller may read and search
 * the published conformance resources.
 *
 * <ul>
 *   <li>A {@code site} creates, reads, updates and searches clinical data (never deletes it:
 *       referrals end as cancelled or entered-in-error, consents become inactive) and reads the
 *       directory.
 *   <li>An {@code auditor} reads the audit log, the consent log and the indicators, nothing else;
 *       with a write grant on AuditEvent it may also have a checkpoint of the log signed now (no
 *       audit event is ever written through the API).
 *   <li>An {@code admin} manages the directory and the conformance resources and reads no clinical
 *       data.
 * </ul>
 */
public final class RolePermissions {

  private static final String NOTHING = "";
  private static final String READ_SEARCH = "rs";

  private static final Map<Role, Map<ResourceCategory, String>> CEILING = Map.of(
      Role.SITE, Map.of(ResourceCategory.CLINICAL, "crus", ResourceCategory.DIRECTORY, READ_SEARCH),
      Role.AUDITOR, Map.of(ResourceCategory.AUDIT, "crs", ResourceCategory.INDICATOR, READ_SEARCH),
      Role.ADMIN, Map.of(ResourceCategory.DIRECTORY, "cruds", ResourceCategory.CONFORMANCE, "cruds"));

  /** The auditor's one clinical type: the consent log. */
  private static final String CONSENT = "Consent";

  private RolePermissions() {}

  /** The most a role may ever do with a resource type. */
  public static String ceiling(Role role, String resourceType) {
    if (role == Role.AUDITOR && CONSENT.equals(resourceType)) {
      return READ_SEARCH;
    }
    return CEILING.get(role).getOrDefault(ResourceCategory.of(resourceType), NOTHING);
  }

  /** Whether the caller may use the permission ({@code c r u d s}) on the resource type. */
  public static boolean allows(Caller caller, String resourceType, char permission) {
    if (everyoneMay(resourceType, permission)) {
      return true;
    }
    return ceiling(caller.role(), resourceType).indexOf(permission) >= 0 && caller.allows(resourceType, permission);
  }

  /** The permissions some caller may hold on the type (with the scopes for it), in {@code c r u d s} order. */
  static String anyRole(String resourceType) {
    StringBuilder union = new StringBuilder();
    for (char permission : "cruds".toCharArray()) {
      boolean someone = everyoneMay(resourceType, permission);
      for (Role role : Role.values()) {
        someone |= ceiling(role, resourceType).indexOf(permission) >= 0;
      }
      if (someone) {
        union.append(permission);
      }
    }
    return union.toString();
  }

  /** Every authenticated caller may read and search the published conformance resources. */
  private static boolean everyoneMay(String resourceType, char permission) {
    return ResourceCategory.of(resourceType) == ResourceCategory.CONFORMANCE && READ_SEARCH.indexOf(permission) >= 0;
  }

  /** The permissions the caller has on the resource type, in {@code c r u d s} order. */
  public static String granted(Caller caller, String resourceType) {
    StringBuilder granted = new StringBuilder();
    for (char permission : "cruds".toCharArray()) {
      if (allows(caller, resourceType, permission)) {
        granted.append(permission);
      }
    }
    return granted.toString();
  }
}
