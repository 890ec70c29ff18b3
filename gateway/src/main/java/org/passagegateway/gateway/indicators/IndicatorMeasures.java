package org.passagegateway.gateway.indicators;

import static org.passagegateway.gateway.indicators.Dimension.AGE_BAND;
import static org.passagegateway.gateway.indicators.Dimension.CANCELLATION_REASON;
import static org.passagegateway.gateway.indicators.Dimension.RECEIVING_SITE;
import static org.passagegateway.gateway.indicators.Dimension.RECEIVING_SITE_TYPE;
import static org.passagegateway.gateway.indicators.Dimension.REJECTION_REASON;
import static org.passagegateway.gateway.indicators.Dimension.SENDING_SITE;
import static org.passagegateway.gateway.indicators.Dimension.SERVICE_TYPE;
import static org.passagegateway.gateway.indicators.Dimension.SEX;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.passagegateway.gateway.indicators.IndicatorMeasure.Group;
import org.passagegateway.gateway.indicators.IndicatorMeasure.Population;
import org.passagegateway.gateway.indicators.IndicatorMeasure.Scoring;
import org.passagegateway.gateway.indicators.IndicatorMeasure.Stratifier;

/**
 * The referral indicators of issue 17, as the Measures of the Passage IG define them (each of the
 * same id). Periods are of sending for referrals sent and of the outcome for outcomes, so that a
 * closed period's counts stay what they were (only a late opt-out lowers them).
 *
 * <ul>
 *   <li>{@code passage-referral-outcomes}: referrals sent, accepted, completed, rejected and
 *       cancelled, rejections and cancellations by coded reason.
 *   <li>{@code passage-time-to-acceptance}, {@code passage-time-to-completion}: median and 90th
 *       percentile (nearest rank) of the hours from sending to acceptance, to completion.
 *   <li>{@code passage-pmtct}: referrals for PMTCT sent in the period, and of them those completed
 *       by its end (the guide's "pregnant WID/WUD referred for PMTCT who got PMTCT").
 *   <li>{@code passage-release-linkage}: referrals a prison health unit sent for release planning,
 *       and of them those whose woman started a harm reduction or OST service (a referral to one,
 *       in progress or completed) within 30 days of sending (the guide, chapter 8).
 * </ul>
 */
final class IndicatorMeasures {

  static final String INITIAL = "initial-population";
  static final String DENOMINATOR = "denominator";
  static final String NUMERATOR = "numerator";
  static final String MEASURE_POPULATION = "measure-population";

  /** Services that are harm reduction or OST, for release linkage (with the sites of those kinds). */
  static final List<String> HARM_REDUCTION_SERVICES = List.of("harm-reduction-package", "nsp", "ost", "naloxone");
  static final List<String> HARM_REDUCTION_SITE_TYPES = List.of("harm-reduction-site", "ost-provider");
  static final String PRISON_SITE_TYPE = "prison-health-unit";
  static final List<String> PMTCT_SERVICES = List.of("pmtct", "prison-pmtct");

  private static final List<Stratifier> BY_CLIENT = List.of(Stratifier.of(SEX), Stratifier.of(AGE_BAND),
      Stratifier.of("sex-age-band", SEX, AGE_BAND));
  private static final List<Stratifier> BY_RECEIVER = List.of(Stratifier.of(SERVICE_TYPE), Stratifier.of(RECEIVING_SITE_TYPE),
      Stratifier.of(RECEIVING_SITE));

  static final List<IndicatorMeasure> ALL = List.of(outcomes(), time("passage-time-to-acceptance", "accept_seconds",
      in("f.accepted_at")), time("passage-time-to-completion", "complete_seconds",
      "f.status = 'completed' and " + in("f.ended_at")), pmtct(), releaseLinkage());

  private IndicatorMeasures() {}

  static Optional<IndicatorMeasure> byId(String id) {
    return ALL.stream().filter(measure -> measure.id().equals(id)).findFirst();
  }

  private static IndicatorMeasure outcomes() {
    List<Stratifier> common = concat(BY_CLIENT, BY_RECEIVER);
    return new IndicatorMeasure("passage-referral-outcomes", Scoring.COHORT, null, List.of(
        cohort("sent", in("f.sent_at"), common),
        cohort("accepted", in("f.accepted_at"), common),
        cohort("completed", "f.status = 'completed' and " + in("f.ended_at"), common),
        cohort("rejected", "f.status = 'rejected' and " + in("f.ended_at"), concat(common, List.of(
            Stratifier.of(REJECTION_REASON), Stratifier.of("rejection-reason-site-type", REJECTION_REASON,
                RECEIVING_SITE_TYPE)))),
        cohort("cancelled", "f.status = 'cancelled' and f.sent_at is not null and " + in("f.ended_at"),
            concat(common, List.of(Stratifier.of(CANCELLATION_REASON))))));
  }

  private static Group cohort(String code, String condition, List<Stratifier> stratifiers) {
    return new Group(code, List.of(new Population(INITIAL, condition)), stratifiers, 0);
  }

  private static IndicatorMeasure time(String id, String observation, String condition) {
    List<Population> populations = List.of(new Population(INITIAL, condition), new Population(MEASURE_POPULATION, condition));
    List<Stratifier> stratifiers = concat(BY_CLIENT, BY_RECEIVER);
    return new IndicatorMeasure(id, Scoring.CONTINUOUS_VARIABLE, observation, List.of(
        new Group("median", populations, stratifiers, 0.5),
        new Group("90th-percentile", populations, stratifiers, 0.9)));
  }

  private static IndicatorMeasure pmtct() {
    String denominator = "f.service_type in (" + literals(PMTCT_SERVICES) + ") and " + in("f.sent_at");
    return proportion("passage-pmtct", denominator, denominator + " and f.status = 'completed' and f.ended_at < :end",
        concat(BY_CLIENT, List.of(Stratifier.of(RECEIVING_SITE))));
  }

  private static IndicatorMeasure releaseLinkage() {
    String denominator = "f.release_planning = true and f.requester in (:prisons) and " + in("f.sent_at");
    String reached = "exists (select 1 from psg_referral_fact g where g.woman = f.woman and g.started_at >= f.sent_at"
        + " and g.started_at <= f.sent_at + interval '30' day and g.status <> 'entered-in-error' and not exists (select 1"
        + " from psg_statistics_exclusion e where e.patient_id = g.patient_id and e.custodian = g.requester)"
        + " and (g.service_type in ("
        + literals(HARM_REDUCTION_SERVICES) + ") or g.owner in (:harmReductionSites)))";
    return proportion("passage-release-linkage", denominator, denominator + " and " + reached,
        concat(BY_CLIENT, List.of(Stratifier.of(SENDING_SITE))));
  }

  private static IndicatorMeasure proportion(String id, String denominator, String numerator, List<Stratifier> stratifiers) {
    return new IndicatorMeasure(id, Scoring.PROPORTION, null, List.of(new Group("proportion",
        List.of(new Population(INITIAL, denominator), new Population(DENOMINATOR, denominator),
            new Population(NUMERATOR, numerator)), stratifiers, 0)));
  }

  /** The fact column falls in the period. */
  private static String in(String column) {
    return column + " >= :start and " + column + " < :end";
  }

  private static String literals(List<String> codes) {
    return String.join(", ", codes.stream().map(code -> "'" + code + "'").toList());
  }

  private static <T> List<T> concat(List<T> first, List<T> second) {
    List<T> all = new ArrayList<>(first);
    all.addAll(second);
    return List.copyOf(all);
  }
}
