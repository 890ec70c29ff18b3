package org.passagegateway.gateway.security;

import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, from a verified access token: the client, its role, its organization, granted
 * scopes and the purpose of use it stated for the token (a v3 ActReason code), if any.
 */
public record Caller(String clientId, Role role, Optional<String> organization, Set<SmartScope> scopes,
    Optional<String> purposeOfUse) {

  /**
   * How a person signed in at the gateway is named where a client id would be (the agent of the
   * audit events she causes): {@code person:} and her account's name. No client id may begin so.
   */
  public static final String PERSON_PREFIX = "person:";

  /** The agent name of a person's account. */
  public static String personAgent(String username) {
    return PERSON_PREFIX + username;
  }

  /** Whether an agent name (a client id or a person's) is a person's. */
  public static boolean isPersonAgent(String agent) {
    return agent != null && agent.startsWith(PERSON_PREFIX);
  }


  /** The id of the Organization a site acts for ({@code anc-1} for {@code Organization/anc-1}). */
  public Optional<String> organizationId() {
    return organization.map(reference -> reference.substring(reference.indexOf('/') + 1));
  }

  /** Whether a granted scope allows the permission ({@code c r u d s}) on the resource type. */
  public boolean allows(String resourceType, char permission) {
    return scopes.stream().anyMatch(scope -> scope.allows(resourceType, permission));
  }
}
