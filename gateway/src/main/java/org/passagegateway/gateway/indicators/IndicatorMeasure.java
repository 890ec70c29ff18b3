package org.passagegateway.gateway.indicators;

import java.util.List;
import java.util.Optional;

/**
 * One referral indicator as the gateway evaluates it: the Measure of the same id in the Passage IG
 * says the same in FHIR. Its populations are conditions on a referral fact ({@code f}, with the
 * period bound as {@code :start} inclusive and {@code :end} exclusive); its stratifiers break each
 * count down by one dimension or, as mADX components, by two.
 *
 * @param id the Measure's id
 * @param scoring how its groups are scored
 * @param observation for a continuous-variable measure, the fact column observed (seconds)
 * @param groups its groups
 */
record IndicatorMeasure(String id, Scoring scoring, String observation, List<Group> groups) {

  enum Scoring {
    COHORT("cohort"), PROPORTION("proportion"), CONTINUOUS_VARIABLE("continuous-variable");

    final String code;

    Scoring(String code) {
      this.code = code;
    }
  }

  /** A population: its measure-population code and the condition a fact meets to be counted in it. */
  record Population(String code, String condition) {}

  /** A breakdown of every count of a group: one dimension, or two as components (mADX). */
  record Stratifier(String code, List<Dimension> components) {
    Stratifier {
      components = List.copyOf(components);
    }

    static Stratifier of(Dimension dimension) {
      return new Stratifier(dimension.code(), List.of(dimension));
    }

    static Stratifier of(String code, Dimension first, Dimension second) {
      return new Stratifier(code, List.of(first, second));
    }
  }

  /**
   * A group of the measure.
   *
   * @param code its code
   * @param populations its populations, in report order
   * @param stratifiers its stratifiers; each component of a two-way one is also a one-way stratifier
   * @param percentile for a continuous-variable group, the percentile its score is (0.5, 0.9)
   */
  record Group(String code, List<Population> populations, List<Stratifier> stratifiers, double percentile) {
    Group {
      populations = List.copyOf(populations);
      stratifiers = List.copyOf(stratifiers);
    }

    Optional<Population> population(String populationCode) {
      return populations.stream().filter(p -> p.code().equals(populationCode)).findFirst();
    }
  }

  IndicatorMeasure {
    groups = List.copyOf(groups);
  }
}
