package org.passagegateway.gateway.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.directory.DirectoryProperties.Unfit;
import org.passagegateway.gateway.directory.ReferralFit.Finding;

/** What a referral is told up front about the service it is sent to. */
class ReferralFitTest {

  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
  private static final List<String> SHELTER_DECLARES = List.of("accepts-ost", "accepts-children", "women-only");

  @Test
  void whenTheServiceDeclaresNoPlaceThenTheReferralIsUnfitForCapacityAndAWaitlistOrStaleStatusOnlyWarns() {
    assertThat(ReferralFit.assess(capacity("no-capacity", NOW.plusSeconds(60)), List.of(), List.of(), NOW))
        .containsExactly(new Finding(Unfit.NO_CAPACITY, "declares that it has no place now"));
    assertThat(ReferralFit.assess(capacity("waitlist", NOW.plusSeconds(60)), List.of(), List.of(), NOW))
        .extracting(Finding::unfit).containsExactly((Unfit) null);
    assertThat(ReferralFit.assess(capacity("no-capacity", NOW), List.of(), List.of(), NOW))
        .as("a stale no-capacity is not current: a warning, not a refusal").extracting(Finding::unfit)
        .containsExactly((Unfit) null);
    assertThat(ReferralFit.assess(capacity("capacity", NOW.plusSeconds(60)), List.of(), List.of(), NOW)).isEmpty();
    assertThat(ReferralFit.assess(Optional.empty(), List.of(), List.of(), NOW)).isEmpty();
  }

  @Test
  void whenTheServiceDeclaresWhoItAcceptsThenEachGroupTheReasonsPutHerInAndItDoesNotNameIsUnfit() {
    assertThat(ReferralFit.assess(Optional.empty(), SHELTER_DECLARES, List.of("housing", "opioid-dependence",
        "overdose-risk", "pregnancy-care"), NOW)).containsExactly(
            new Finding(Unfit.ELIGIBILITY, "does not declare that it accepts women who currently use drugs"),
            new Finding(Unfit.ELIGIBILITY, "does not declare that it accepts pregnant women"));
    assertThat(ReferralFit.assess(Optional.empty(), SHELTER_DECLARES, List.of("ost-continuity", "child-care-support"),
        NOW)).isEmpty();
    assertThat(ReferralFit.assess(Optional.empty(), List.of(), List.of("opioid-dependence"), NOW))
        .as("a service that declares nothing is not judged").isEmpty();
  }

  @Test
  void whenTheNetworkRefusesAKindOfUnfitnessThenSuchAReferralIsRefusedAndOtherFindingsOnlyWarn() {
    List<Finding> findings = ReferralFit.assess(capacity("no-capacity", NOW.plusSeconds(60)), SHELTER_DECLARES,
        List.of("opioid-dependence"), NOW);

    assertThat(ReferralFit.warnings(findings, java.util.Set.of())).extracting(i -> i.getDiagnostics()).containsExactly(
        "The service this referral is sent to declares that it has no place now",
        "The service this referral is sent to does not declare that it accepts women who currently use drugs");
    assertThat(ReferralFit.warnings(List.of(findings.get(1)), java.util.Set.of(Unfit.NO_CAPACITY))).hasSize(1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReferralFit.warnings(findings,
            java.util.Set.of(Unfit.ELIGIBILITY)))
        .isInstanceOfSatisfying(org.passagegateway.gateway.error.PassageException.class, refused -> {
          assertThat(refused.getStatusCode()).isEqualTo(422);
          assertThat(refused.getMessage()).contains("PASSAGE-8004", "does not declare that it accepts women who currently use drugs");
        });
  }

  private static Optional<Capacity> capacity(String status, Instant freshUntil) {
    return Optional.of(new Capacity(status, 0, 10, "places", NOW.minusSeconds(3600), null, freshUntil));
  }
}
