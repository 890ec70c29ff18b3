package org.passagegateway.gateway.indicators;

import org.passagegateway.terminology.PassageTerminology;

/** The canonical URLs of the indicators' measures, extensions and code systems (the Passage IG). */
final class IndicatorTerminology {

  static final String BASE = PassageTerminology.CANONICAL_BASE;
  static final String MEASURE = BASE + "/Measure/";
  static final String AGE_BAND = BASE + "/CodeSystem/passage-age-band";
  static final String DIMENSION = BASE + "/CodeSystem/passage-indicator-dimension";
  static final String SUPPRESSION_REASON = BASE + "/CodeSystem/passage-suppression-reason";
  /** On a stratum or population whose count (or score) is withheld: why. */
  static final String SUPPRESSED = BASE + "/StructureDefinition/passage-suppressed";
  static final String POPULATION = "http://terminology.hl7.org/CodeSystem/measure-population";
  static final String DATA_ABSENT = "http://terminology.hl7.org/CodeSystem/data-absent-reason";

  private IndicatorTerminology() {}
}
