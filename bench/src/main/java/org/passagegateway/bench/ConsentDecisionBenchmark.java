package org.passagegateway.bench;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.passagegateway.gateway.consent.ConsentDecision;
import org.passagegateway.gateway.consent.ConsentDecisionEngine;
import org.passagegateway.gateway.consent.ConsentPolicy;
import org.passagegateway.gateway.consent.DisclosureRequest;
import org.passagegateway.gateway.consent.LabelledResource;
import org.passagegateway.gateway.consent.Provision;

/**
 * Decisions per second of the consent decision engine alone (issue 6), on consents shaped like
 * the demo clients': run with {@code bench/consent.sh}. The engine is pure, so this is its whole
 * cost; finding the consent in the database is not part of it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ConsentDecisionBenchmark {

  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  private final ConsentDecisionEngine engine = new ConsentDecisionEngine();

  /** Antenatal clinics for treatment or care coordination, never drug use; a nested permit for pregnancy data. */
  private final ConsentPolicy antenatal = new ConsentPolicy("Consent/c-1/_history/1", true, "client-1", "hr-1",
      Provision.of(true).withRecipientSiteTypes(Set.of("antenatal-clinic")).withPurposes(Set.of("TREAT", "COC"))
          .withExceptions(List.of(Provision.of(false).withLabels(Set.of("ETH")),
              Provision.of(true).withLabels(Set.of("SEX")))));

  /** A consent with more to evaluate: five sites, three exceptions with periods and purposes. */
  private final ConsentPolicy larger = new ConsentPolicy("Consent/c-2/_history/3", true, "client-1", "hr-1",
      Provision.of(true).withRecipients(Set.of("anc-1", "tb-1", "shelter-1", "ost-1", "prison-1"))
          .withPurposes(Set.of("TREAT", "COC", "PATRQT"))
          .withExceptions(List.of(
              Provision.of(false).withLabels(Set.of("HIV", "SDV")),
              Provision.of(true).withLabels(Set.of("SEX", "ETH")).withRecipients(Set.of("anc-1", "ost-1")),
              Provision.of(false).withPurposes(Set.of("HCOMPL")).withPeriod(NOW.minusSeconds(86_400), null))));

  private final DisclosureRequest clinic = new DisclosureRequest("anc-1", "antenatal-clinic", "COC", NOW);
  private final DisclosureRequest clinicWithoutPurpose = new DisclosureRequest("anc-1", "antenatal-clinic", null, NOW);
  private final LabelledResource plainReferral =
      new LabelledResource("ServiceRequest/sr-1", "client-1", "hr-1", Set.of(), Map.of());
  private final LabelledResource pregnancyReferralWithDrugUseReason = new LabelledResource("ServiceRequest/sr-2",
      "client-1", "hr-1", Set.of("SEX"), Map.of("reasonCode", Set.of("SEX", "ETH")));

  @Benchmark
  public ConsentDecision permitUnlabelled() {
    return engine.decide(clinic, plainReferral, antenatal);
  }

  @Benchmark
  public ConsentDecision redactLabelledReason() {
    return engine.decide(clinic, pregnancyReferralWithDrugUseReason, antenatal);
  }

  @Benchmark
  public ConsentDecision largerConsent() {
    return engine.decide(clinic, pregnancyReferralWithDrugUseReason, larger);
  }

  @Benchmark
  public ConsentDecision missingPurposeEveryValueTried() {
    return engine.decide(clinicWithoutPurpose, pregnancyReferralWithDrugUseReason, larger);
  }

  @Benchmark
  public ConsentDecision noConsent() {
    return engine.decide(clinic, plainReferral, null);
  }
}
