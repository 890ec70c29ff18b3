package org.passagegateway.gateway.labeling;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;

/**
 * The sensitivity rules of the security labeling service: which data categories a code implies,
 * as the labeling ConceptMaps in {@code terminology/} say (one group per source and target
 * system; {@code unmatched} targets imply nothing). A network adds a rule by adding a mapping,
 * not code.
 */
public final class LabelingRules {

  private final Map<String, Set<String>> labelsByCode;

  private LabelingRules(Map<String, Set<String>> labelsByCode) {
    this.labelsByCode = labelsByCode;
  }

  public static LabelingRules from(Collection<ConceptMap> maps) {
    Map<String, Set<String>> labels = new HashMap<>();
    for (ConceptMap map : maps) {
      for (ConceptMap.ConceptMapGroupComponent group : map.getGroup()) {
        for (ConceptMap.SourceElementComponent element : group.getElement()) {
          for (ConceptMap.TargetElementComponent target : element.getTarget()) {
            if (target.hasCode() && target.getEquivalence() != ConceptMapEquivalence.UNMATCHED
                && target.getEquivalence() != ConceptMapEquivalence.DISJOINT) {
              labels.computeIfAbsent(key(group.getSource(), element.getCode()), k -> new TreeSet<>()).add(target.getCode());
            }
          }
        }
      }
    }
    Map<String, Set<String>> frozen = new HashMap<>();
    labels.forEach((code, set) -> frozen.put(code, Set.copyOf(set)));
    return new LabelingRules(Map.copyOf(frozen));
  }

  /** The data categories one coded value implies. */
  public Set<String> labelsOf(String system, String code) {
    return system == null || code == null ? Set.of() : labelsByCode.getOrDefault(key(system, code), Set.of());
  }

  public Set<String> labelsOf(Coding coding) {
    return labelsOf(coding.getSystem(), coding.getCode());
  }

  /** The data categories implied by any coding of the concepts. */
  public Set<String> labelsOf(List<CodeableConcept> concepts) {
    Set<String> labels = new TreeSet<>();
    for (CodeableConcept concept : concepts) {
      concept.getCoding().forEach(coding -> labels.addAll(labelsOf(coding)));
    }
    return labels;
  }

  private static String key(String system, String code) {
    return system + "|" + code;
  }
}
