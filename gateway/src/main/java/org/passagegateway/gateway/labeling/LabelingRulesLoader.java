package org.passagegateway.gateway.labeling;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.ConceptMap;
import org.passagegateway.terminology.PassageTerminology;

/** Reads the labeling ConceptMaps that the terminology module ships. */
public final class LabelingRulesLoader {

  static final List<String> MAPS = List.of("ConceptMap-passage-clinical-code-label.json",
      "ConceptMap-passage-service-type-label.json", "ConceptMap-passage-site-type-label.json",
      "ConceptMap-passage-referral-reason-label.json");

  private LabelingRulesLoader() {}

  public static LabelingRules fromTerminology(FhirContext fhir) {
    List<ConceptMap> maps = new ArrayList<>();
    for (String file : MAPS) {
      String path = PassageTerminology.RESOURCE_FOLDER + file;
      try (InputStream in = LabelingRulesLoader.class.getClassLoader().getResourceAsStream(path)) {
        if (in == null) {
          throw new IllegalStateException("labeling rules missing from the class path: " + path);
        }
        maps.add(fhir.newJsonParser().parseResource(ConceptMap.class, in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return LabelingRules.from(maps);
  }
}
