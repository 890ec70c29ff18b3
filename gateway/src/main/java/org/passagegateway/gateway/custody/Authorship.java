package org.passagegateway.gateway.custody;

import org.hl7.fhir.r4.model.Resource;

/**
 * What a site's write says of who authored it, for those that check a resource as a write would
 * ({@code $validate}): the authorship elements filled from the caller's Organization where the
 * body leaves them out, and a body naming another Organization refused (403), as on create.
 */
public final class Authorship {

  private Authorship() {}

  /** As on create by a site of this Organization. */
  public static void asCreatedBy(Resource resource, String organizationId) {
    AuthorshipFields.claim(resource, organizationId);
  }
}
