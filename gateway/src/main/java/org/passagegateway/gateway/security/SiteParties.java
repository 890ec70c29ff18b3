package org.passagegateway.gateway.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;

/**
 * Which member sites are parties to a clinical resource, recorded on it by the gateway as {@code
 * meta.tag}s: its custodian (the site whose client wrote it, taken from the access token, never
 * from the body) and, for a referral, its requester and the sites it is addressed to ({@code
 * Task.owner}, {@code ServiceRequest.performer}). A site sees a clinical resource only where it
 * is a party (the owner of a referral also to the client's Patient) and her consent permits it.
 * The tags are indexed by HAPI, so a site's searches are narrowed to them in the database, and
 * never shown to clients.
 */
public final class SiteParties {

  /** Tag system whose code is the id of the custodian Organization. */
  public static final String CUSTODIAN = "https://passage-gateway.org/fhir/sid/custodian";
  /** Tag system whose codes are the ids of every Organization that is a party to the resource. */
  public static final String PARTY = "https://passage-gateway.org/fhir/sid/party";
  /**
   * Tag system whose code is a site type: an open referral (a Task without owner, a
   * ServiceRequest without performer) is visible to every site of its {@code performerType}.
   */
  public static final String OPEN_TO = "https://passage-gateway.org/fhir/sid/open-to";

  private static final String SITE_TYPE = "https://passage-gateway.org/fhir/CodeSystem/passage-site-type";

  private static final String ORGANIZATION = "Organization";

  private SiteParties() {}

  /**
   * Records the custodian and the parties on a resource about to be stored, replacing any of these
   * tags the client sent.
   */
  public static void record(IBaseResource resource, String custodianOrganizationId) {
    Resource stored = (Resource) resource;
    strip(stored);
    stored.getMeta().addTag(new Coding(CUSTODIAN, custodianOrganizationId, null));
    Set<String> parties = new LinkedHashSet<>();
    parties.add(custodianOrganizationId);
    parties.addAll(referralParties(stored));
    parties.forEach(party -> stored.getMeta().addTag(new Coding(PARTY, party, null)));
    openTo(stored).forEach(siteType -> stored.getMeta().addTag(new Coding(OPEN_TO, siteType, null)));
  }

  /** The site types an open referral is addressed to; empty once it has an owner (or performer). */
  static Set<String> openTo(Resource resource) {
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

  /** Whether the stored resource is an open referral to this site type. */
  public static boolean isOpenTo(IBaseResource resource, String siteType) {
    return siteType != null && ((Resource) resource).getMeta().getTag(OPEN_TO, siteType) != null;
  }

  /** Whether a site (its Organization id and site type) may see the stored resource: a party, or an open referral to its type. */
  public static boolean isVisibleTo(IBaseResource resource, String organizationId, String siteType) {
    return isParty(resource, organizationId) || isOpenTo(resource, siteType);
  }

  /** Removes the gateway's tags, from a client's body or from a resource about to be shown. */
  public static void strip(IBaseResource resource) {
    ((Resource) resource).getMeta().getTag()
        .removeIf(tag -> CUSTODIAN.equals(tag.getSystem()) || PARTY.equals(tag.getSystem()) || OPEN_TO.equals(tag.getSystem()));
  }

  /** Whether the Organization is a party to the stored resource. */
  public static boolean isParty(IBaseResource resource, String organizationId) {
    return ((Resource) resource).getMeta().getTag(PARTY, organizationId) != null;
  }

  /** The custodian recorded on a stored resource. */
  public static Optional<String> custodian(IBaseResource resource) {
    return ((Resource) resource).getMeta().getTag().stream()
        .filter(tag -> CUSTODIAN.equals(tag.getSystem())).map(Coding::getCode).findFirst();
  }

  /** The id of an Organization a reference points at, if it points at one. */
  public static Optional<String> organizationId(Reference reference) {
    if (reference == null || !reference.hasReference()) {
      return Optional.empty();
    }
    IdType id = new IdType(reference.getReference());
    return ORGANIZATION.equals(id.getResourceType()) && id.hasIdPart() ? Optional.of(id.getIdPart()) : Optional.empty();
  }

  private static Set<String> referralParties(Resource resource) {
    List<Reference> references = new ArrayList<>();
    if (resource instanceof Task task) {
      references.add(task.getRequester());
      references.add(task.getOwner());
    } else if (resource instanceof ServiceRequest request) {
      references.add(request.getRequester());
      references.addAll(request.getPerformer());
    }
    Set<String> parties = new LinkedHashSet<>();
    references.forEach(reference -> organizationId(reference).ifPresent(parties::add));
    return parties;
  }
}
