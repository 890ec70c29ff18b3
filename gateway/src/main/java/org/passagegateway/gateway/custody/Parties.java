package org.passagegateway.gateway.custody;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;

/**
 * Who is a party to a clinical resource, derived from what it says now, never accumulated: its
 * custodian; for a referral, its requester and the sites it is addressed to ({@code Task.owner},
 * {@code ServiceRequest.performer}); for a client, the requesters and owners of her referral Tasks
 * that still stand (not rejected, cancelled or entered in error). Re-addressing, rejection and
 * updates move the parties with them.
 */
public final class Parties {

  /** Referral Tasks that no longer make their sites parties to the client. */
  private static final Set<Task.TaskStatus> ENDED_WITHOUT_HER = EnumSet.of(Task.TaskStatus.REJECTED,
      Task.TaskStatus.CANCELLED, Task.TaskStatus.ENTEREDINERROR);

  private static final String SITE_TYPE = "https://passage-gateway.org/fhir/CodeSystem/passage-site-type";

  private Parties() {}

  /** The parties a resource other than a client has by its own content. */
  static Set<String> of(Resource resource, String custodian) {
    Set<String> parties = new LinkedHashSet<>();
    parties.add(custodian);
    List<Reference> references = new ArrayList<>();
    if (resource instanceof Task task) {
      references.add(task.getRequester());
      references.add(task.getOwner());
    } else if (resource instanceof ServiceRequest request) {
      references.add(request.getRequester());
      references.addAll(request.getPerformer());
    }
    references.forEach(reference -> organizationId(reference).ifPresent(parties::add));
    return parties;
  }

  /** A client's parties: her custodian (if given) and the sites her standing referral Tasks name. */
  static Set<String> ofClient(String custodian, Collection<Task> referrals) {
    Set<String> parties = new LinkedHashSet<>();
    if (custodian != null) {
      parties.add(custodian);
    }
    referrals.stream().filter(task -> !ENDED_WITHOUT_HER.contains(task.getStatus())).forEach(task -> {
      organizationId(task.getRequester()).ifPresent(parties::add);
      organizationId(task.getOwner()).ifPresent(parties::add);
    });
    return parties;
  }

  /** The site types an open referral (a Task without owner, a ServiceRequest without performer) is addressed to. */
  public static Set<String> openTo(Resource resource) {
    List<CodeableConcept> types = List.of();
    if (resource instanceof Task task && !task.hasOwner()) {
      types = task.getPerformerType();
    } else if (resource instanceof ServiceRequest request && !request.hasPerformer()) {
      types = request.hasPerformerType() ? List.of(request.getPerformerType()) : List.of();
    }
    Set<String> siteTypes = new LinkedHashSet<>();
    types.forEach(type -> type.getCoding().stream().filter(c -> SITE_TYPE.equals(c.getSystem()) && c.hasCode())
        .forEach(c -> siteTypes.add(c.getCode())));
    return siteTypes;
  }

  /** The id of the Organization a reference points at, if it points at one. */
  public static Optional<String> organizationId(Reference reference) {
    if (reference == null || !reference.hasReference()) {
      return Optional.empty();
    }
    IdType id = new IdType(reference.getReference());
    return "Organization".equals(id.getResourceType()) && id.hasIdPart() ? Optional.of(id.getIdPart()) : Optional.empty();
  }
}
