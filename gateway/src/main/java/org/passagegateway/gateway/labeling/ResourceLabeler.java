package org.passagegateway.gateway.labeling;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.passagegateway.terminology.PassageTerminology;

/**
 * Derives a resource's sensitivity labels from its codes, the services it names and the kinds of
 * site it names, by the {@link LabelingRules}.
 *
 * <ul>
 *   <li>What a resource is about labels the whole resource: a referral's service type and the
 *       kind of site it is addressed to, a condition's, observation's or procedure's code, an
 *       episode's or encounter's type and the kind of site that manages it.
 *   <li>Why labels only the reason: a referral's or encounter's reason codes can be removed while
 *       the rest is disclosed.
 *   <li>Where a client is cared for labels only that reference: a client record's managing
 *       organization.
 * </ul>
 *
 * <p>Pure, given the site-type lookup; a Task takes the labels of the referral it carries, which
 * the caller supplies.
 */
public final class ResourceLabeler {

  private final LabelingRules rules;
  private final Function<String, Optional<String>> siteTypeOfOrganization;

  /**
   * @param siteTypeOfOrganization the Passage site-type code of an Organization id, if it is a member site
   */
  public ResourceLabeler(LabelingRules rules, Function<String, Optional<String>> siteTypeOfOrganization) {
    this.rules = rules;
    this.siteTypeOfOrganization = siteTypeOfOrganization;
  }

  public ResourceLabels labels(Resource resource) {
    if (resource instanceof ServiceRequest referral) {
      return referral(referral);
    }
    if (resource instanceof Condition condition) {
      return whole(rules.labelsOf(List.of(condition.getCode())));
    }
    if (resource instanceof Observation observation) {
      return whole(rules.labelsOf(List.of(observation.getCode())));
    }
    if (resource instanceof Procedure procedure) {
      return whole(rules.labelsOf(List.of(procedure.getCode())));
    }
    if (resource instanceof EpisodeOfCare episode) {
      Set<String> labels = new TreeSet<>(rules.labelsOf(episode.getType()));
      labels.addAll(siteLabels(episode.getManagingOrganization()));
      return whole(labels);
    }
    if (resource instanceof Encounter encounter) {
      return encounter(encounter);
    }
    if (resource instanceof Patient patient) {
      Set<String> site = siteLabels(patient.getManagingOrganization());
      return site.isEmpty() ? ResourceLabels.NONE : new ResourceLabels(Set.of(), Map.of("managingOrganization", site));
    }
    return ResourceLabels.NONE;
  }

  private ResourceLabels referral(ServiceRequest referral) {
    Set<String> labels = new TreeSet<>(rules.labelsOf(List.of(referral.getCode())));
    labels.addAll(rules.labelsOf(List.of(referral.getPerformerType())));
    referral.getPerformer().forEach(performer -> labels.addAll(siteLabels(performer)));
    Map<String, Set<String>> elements = new HashMap<>();
    Set<String> reasons = rules.labelsOf(referral.getReasonCode());
    if (!reasons.isEmpty()) {
      elements.put("reasonCode", reasons);
    }
    return new ResourceLabels(labels, elements);
  }

  private ResourceLabels encounter(Encounter encounter) {
    Set<String> labels = new TreeSet<>(rules.labelsOf(encounter.getType()));
    labels.addAll(rules.labelsOf(List.of(encounter.getServiceType())));
    labels.addAll(siteLabels(encounter.getServiceProvider()));
    Map<String, Set<String>> elements = new HashMap<>();
    Set<String> reasons = rules.labelsOf(encounter.getReasonCode());
    if (!reasons.isEmpty()) {
      elements.put("reasonCode", reasons);
    }
    return new ResourceLabels(labels, elements);
  }

  /** The labels implied by the kind of site an Organization reference names. */
  private Set<String> siteLabels(Reference reference) {
    if (reference == null || !reference.hasReference()
        || !"Organization".equals(reference.getReferenceElement().getResourceType())) {
      return Set.of();
    }
    return siteTypeOfOrganization.apply(reference.getReferenceElement().getIdPart())
        .map(code -> rules.labelsOf(PassageTerminology.SITE_TYPE, code)).orElse(Set.of());
  }

  private static ResourceLabels whole(Set<String> labels) {
    return labels.isEmpty() ? ResourceLabels.NONE : new ResourceLabels(labels, Map.of());
  }
}
