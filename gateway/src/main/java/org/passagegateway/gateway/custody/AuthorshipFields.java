package org.passagegateway.gateway.custody;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.passagegateway.gateway.error.PassageError;

/**
 * The elements that name the site a clinical resource comes from: {@code Task.requester}, {@code
 * ServiceRequest.requester}, {@code Consent.organization}, {@code EpisodeOfCare.managingOrganization}
 * and {@code Patient.managingOrganization}. A site acts only as its own Organization: on create the
 * gateway fills these from the access token where the body leaves them out and refuses a body that
 * names another organization (403); on update they cannot change.
 */
final class AuthorshipFields {

  private record Field(String path, Function<Resource, List<Reference>> values, BiConsumer<Resource, Reference> fill,
      boolean fillOnCreate) {
    Field(String path, Function<Resource, List<Reference>> values, BiConsumer<Resource, Reference> fill) {
      this(path, values, fill, true);
    }
  }

  private static final Map<String, Field> FIELDS = Map.of(
      "Task", new Field("Task.requester", r -> present(((Task) r).getRequester()),
          (r, org) -> ((Task) r).setRequester(org)),
      "ServiceRequest", new Field("ServiceRequest.requester", r -> present(((ServiceRequest) r).getRequester()),
          (r, org) -> ((ServiceRequest) r).setRequester(org)),
      "Consent", new Field("Consent.organization", r -> ((Consent) r).getOrganization(),
          (r, org) -> ((Consent) r).addOrganization(org)),
      "EpisodeOfCare", new Field("EpisodeOfCare.managingOrganization",
          r -> present(((EpisodeOfCare) r).getManagingOrganization()),
          (r, org) -> ((EpisodeOfCare) r).setManagingOrganization(org)),
      // Optional on a client and not filled in on create: a pseudonymous client need not name a site.
      "Patient", new Field("Patient.managingOrganization", r -> present(((Patient) r).getManagingOrganization()),
          (r, org) -> ((Patient) r).setManagingOrganization(org), false));

  private AuthorshipFields() {}

  /** On create: fills the authorship elements with the caller's Organization, or refuses another one. */
  static void claim(Resource resource, String organizationId) {
    Field field = FIELDS.get(resource.fhirType());
    if (field == null) {
      return;
    }
    List<Reference> values = field.values().apply(resource);
    if (values.isEmpty()) {
      if (field.fillOnCreate()) {
        field.fill().accept(resource, new Reference("Organization/" + organizationId));
      }
      return;
    }
    for (Reference value : values) {
      if (!Parties.organizationId(value).filter(organizationId::equals).isPresent()) {
        throw PassageError.NOT_OWN_ORGANIZATION.exception(field.path());
      }
    }
  }

  /** On update: the authorship elements keep their stored values; left out, they are carried over. */
  static void keep(Resource stored, Resource updated) {
    Field field = FIELDS.get(updated.fhirType());
    if (field == null) {
      return;
    }
    List<String> before = ids(field.values().apply(stored));
    List<Reference> after = field.values().apply(updated);
    if (after.isEmpty()) {
      field.values().apply(stored).forEach(reference -> field.fill().accept(updated, reference.copy()));
      return;
    }
    if (!before.equals(ids(after))) {
      throw PassageError.AUTHORSHIP_CHANGED.exception(field.path());
    }
  }

  private static List<String> ids(List<Reference> references) {
    return references.stream().map(reference -> Parties.organizationId(reference).orElse(reference.getReference()))
        .map(Objects::toString).sorted().toList();
  }

  private static List<Reference> present(Reference reference) {
    return Optional.ofNullable(reference).filter(Reference::hasReference).map(List::of).orElse(List.of());
  }
}
