package org.passagegateway.gateway.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which consents keep a client's referrals out of indicators: a deny for HPRGRP anywhere in a consent in force, nothing else. */
class StatisticsUseTest {

  private static final Provision PERMIT_CARE = Provision.of(true).withPurposes(Set.of("TREAT", "COC"));
  private static final Provision DENY_REPORTING = Provision.of(false).withPurposes(Set.of(StatisticsUse.PURPOSE));

  @Test
  void whenHerConsentInForceDeniesHealthProgramReportingAnywhereThenSheIsOptedOut() {
    assertThat(StatisticsUse.optsOut(consent(true, PERMIT_CARE.withExceptions(List.of(DENY_REPORTING))))).isTrue();
    assertThat(StatisticsUse.optsOut(consent(true, DENY_REPORTING))).isTrue();
    Provision narrowDeny = Provision.of(true).withLabels(Set.of("HIV"))
        .withExceptions(List.of(DENY_REPORTING.withLabels(Set.of("HIV"))));
    assertThat(StatisticsUse.optsOut(consent(true, PERMIT_CARE.withExceptions(List.of(narrowDeny)))))
        .as("however narrow the deny: never read as less than she asked").isTrue();
  }

  @Test
  void whenTheConsentIsNotInForceOrDoesNotDenyReportingThenSheCounts() {
    assertThat(StatisticsUse.optsOut(consent(false, PERMIT_CARE.withExceptions(List.of(DENY_REPORTING))))).isFalse();
    assertThat(StatisticsUse.optsOut(consent(true, PERMIT_CARE))).isFalse();
    assertThat(StatisticsUse.optsOut(consent(true, Provision.of(false)))).as("a general deny is the opt-in default").isFalse();
    assertThat(StatisticsUse.optsOut(consent(true, Provision.of(true).withPurposes(Set.of(StatisticsUse.PURPOSE)))))
        .isFalse();
  }

  private static ConsentPolicy consent(boolean active, Provision root) {
    return new ConsentPolicy("Consent/c1/_history/1", active, "client-1", "hr-1", root);
  }
}
