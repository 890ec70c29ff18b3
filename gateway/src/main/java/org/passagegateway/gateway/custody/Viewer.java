package org.passagegateway.gateway.custody;

import java.util.Objects;

/**
 * A site that would be shown client data, and why it asks.
 *
 * @param site the id of its Organization
 * @param siteType its kind of site (a Passage site-type code), or null when the directory has none
 * @param purposeOfUse the purpose it stated (a v3 ActReason code), or null: no purpose never widens access
 */
public record Viewer(String site, String siteType, String purposeOfUse) {

  public Viewer {
    Objects.requireNonNull(site, "site");
  }
}
