package org.passagegateway.gateway.support;

import java.util.Optional;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.passagegateway.gateway.security.ResourceCategory;

/** Which demo client may write a resource: the admin for the directory, else the site it names as its author. */
public final class DemoWriters {

  private DemoWriters() {}

  /** The demo client that may write the resource, if any client may (nobody writes audit events). */
  public static Optional<String> writerOf(Resource resource) {
    return switch (ResourceCategory.of(resource.fhirType())) {
      case DIRECTORY, CONFORMANCE -> Optional.of("demo-admin");
      case CLINICAL -> Optional.of("demo-site-" + authoringSite(resource).orElse("hr-1"));
      default -> Optional.empty();
    };
  }

  private static Optional<String> authoringSite(Resource resource) {
    Reference author = null;
    if (resource instanceof Task task) {
      author = task.getRequester();
    } else if (resource instanceof ServiceRequest request) {
      author = request.getRequester();
    } else if (resource instanceof Consent consent) {
      author = consent.getOrganizationFirstRep();
    } else if (resource instanceof EpisodeOfCare episode) {
      author = episode.getManagingOrganization();
    }
    return Optional.ofNullable(author).filter(Reference::hasReference).map(r -> r.getReferenceElement().getIdPart());
  }
}
