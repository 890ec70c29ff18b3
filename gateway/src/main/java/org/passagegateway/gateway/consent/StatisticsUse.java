package org.passagegateway.gateway.consent;

import java.util.Optional;

/**
 * Whether a client's consent keeps her referrals out of the network's aggregate indicators
 * (README, "Indicators and consent"). An indicator discloses no resource to any organization: only
 * counts of at least the small-cell threshold, with no client, pseudonym or reference; so it is
 * made under the de-identified aggregate exception and needs no permit. A client may still opt
 * out: a deny provision anywhere in her consent in force naming the purpose HPRGRP (health
 * program reporting) keeps every referral of hers that this custodian wrote out of every count
 * from the next evaluation on. Deliberately broad: the deny's other conditions (recipients,
 * period, categories) do not narrow it, so an opt-out is never read as less than she asked.
 */
public final class StatisticsUse {

  /** HL7 v3 ActReason "health program reporting": the purpose of the network's indicators. */
  public static final String PURPOSE = "HPRGRP";

  private StatisticsUse() {}

  /** Whether the consent, if it is in force, opts her out of indicators. */
  public static boolean optsOut(ConsentPolicy consent) {
    return consent.active() && deniesReporting(consent.root());
  }

  private static boolean deniesReporting(Provision provision) {
    if (!provision.permit() && provision.purposes().contains(PURPOSE)) {
      return true;
    }
    return provision.exceptions().stream().anyMatch(StatisticsUse::deniesReporting);
  }

  /** The custodian and client the consent is about, when it names both. */
  static Optional<String[]> about(ConsentPolicy consent) {
    return consent.patient() == null || consent.custodian() == null ? Optional.empty()
        : Optional.of(new String[] {consent.patient(), consent.custodian()});
  }
}
