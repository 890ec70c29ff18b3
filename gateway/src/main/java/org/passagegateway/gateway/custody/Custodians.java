package org.passagegateway.gateway.custody;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Set;
import org.hl7.fhir.r4.model.Resource;

/**
 * The custodian of client data the gateway writes on its own account (the demo network), named
 * before it is stored; a site's writes get theirs from its token. Parties are derived when it is
 * stored.
 */
public final class Custodians {

  /** The tag system naming a resource's custodian (the site whose record it is); stored, never shown. */
  public static final String TAG_SYSTEM = CustodyTags.CUSTODIAN;

  private Custodians() {}

  public static void assign(Resource resource, String site) {
    CustodyTags.record(resource, site, Set.of(site), Set.of());
  }

  /**
   * Whether a write is the gateway's change of a client's party tags alone: no new version, nothing
   * to audit, nothing a profile constrains.
   */
  public static boolean isTagChange(RequestDetails request) {
    return ClientParties.isTagChange(request);
  }

  /** The request of such a change, as the gateway makes it. */
  public static RequestDetails tagChange() {
    return ClientParties.tagsOnly();
  }
}
