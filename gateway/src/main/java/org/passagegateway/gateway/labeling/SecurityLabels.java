package org.passagegateway.gateway.labeling;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Type;
import org.passagegateway.terminology.PassageTerminology;

/**
 * Where the labels live on a stored resource: the resource's own labels in {@code meta.security},
 * an element's labels in the HL7 DS4P inline security label extension on that element. Only the
 * gateway writes either; both are removed from whatever a client sends and from everything a
 * client is shown.
 */
public final class SecurityLabels {

  /** HL7 Data Segmentation for Privacy: a security label on one element. */
  public static final String INLINE_LABEL =
      "http://hl7.org/fhir/uv/security-label-ds4p/StructureDefinition/extension-inline-sec-label";
  private static final Set<String> LABEL_SYSTEMS = Set.of(PassageTerminology.V3_ACT_CODE, PassageTerminology.SENSITIVITY);
  private static final Set<String> PASSAGE_LABELS = Set.of("SOC");

  private SecurityLabels() {}

  /** Replaces whatever labels the resource carries by the derived ones. */
  public static void record(Resource resource, ResourceLabels labels, LabelingRules rules) {
    strip(resource);
    labels.resource().forEach(label -> resource.getMeta().addSecurity(coding(label)));
    for (Map.Entry<String, List<? extends Type>> element : labelledElements(resource).entrySet()) {
      if (!labels.elements().containsKey(element.getKey())) {
        continue;
      }
      for (Type value : element.getValue()) {
        for (String label : labelsOfValue(value, rules, labels.elements().get(element.getKey()))) {
          value.addExtension(INLINE_LABEL, coding(label));
        }
      }
    }
  }

  /** The labels recorded on a stored resource. */
  public static ResourceLabels read(Resource resource) {
    Set<String> own = new TreeSet<>();
    resource.getMeta().getSecurity().stream().filter(SecurityLabels::isDataCategory).forEach(c -> own.add(c.getCode()));
    Map<String, Set<String>> elements = new HashMap<>();
    labelledElements(resource).forEach((name, values) -> values.forEach(value -> value.getExtensionsByUrl(INLINE_LABEL)
        .forEach(extension -> elements.computeIfAbsent(name, k -> new TreeSet<>())
            .add(((Coding) extension.getValue()).getCode()))));
    return new ResourceLabels(own, elements);
  }

  /**
   * Removes every data-category label, on the resource and on its elements. Also from
   * {@code meta.tag}: HAPI's transaction response with {@code Prefer: return=representation}
   * shows a stored resource's security labels as tags.
   */
  public static void strip(Resource resource) {
    resource.getMeta().getSecurity().removeIf(SecurityLabels::isDataCategory);
    resource.getMeta().getTag().removeIf(SecurityLabels::isDataCategory);
    labelledElements(resource).values().forEach(values -> values.forEach(value -> value.getExtension()
        .removeIf(extension -> INLINE_LABEL.equals(extension.getUrl()))));
  }

  private static boolean isDataCategory(Coding coding) {
    return LABEL_SYSTEMS.contains(coding.getSystem());
  }

  /** The elements that can carry labels of their own, by name, for each resource type that has any. */
  private static Map<String, List<? extends Type>> labelledElements(Resource resource) {
    if (resource instanceof ServiceRequest referral) {
      return Map.of("reasonCode", referral.getReasonCode());
    }
    if (resource instanceof Encounter encounter) {
      return Map.of("reasonCode", encounter.getReasonCode());
    }
    if (resource instanceof Patient patient && patient.hasManagingOrganization()) {
      return Map.of("managingOrganization", List.<Reference>of(patient.getManagingOrganization()));
    }
    return Map.of();
  }

  /** A coded value carries the labels its own codes imply; any other value all of its element's labels. */
  private static Set<String> labelsOfValue(Type value, LabelingRules rules, Set<String> elementLabels) {
    if (value instanceof CodeableConcept concept) {
      Set<String> own = new TreeSet<>(rules.labelsOf(List.of(concept)));
      own.retainAll(elementLabels);
      return own;
    }
    return elementLabels;
  }

  static Coding coding(String label) {
    return new Coding(PASSAGE_LABELS.contains(label) ? PassageTerminology.SENSITIVITY : PassageTerminology.V3_ACT_CODE,
        label, null);
  }
}
