package org.passagegateway.gateway.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.passagegateway.gateway.consent.ConsentDecision.Outcome;

/**
 * Properties of the consent decision engine over random consents, requests and resources: the
 * ways a client narrows her consent, and missing context, never widen what is disclosed.
 */
class ConsentDecisionPropertiesTest {

  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static final String CUSTODIAN = "hr-1";
  private static final List<String> SITES = List.of("anc-1", "tb-1", "shelter-1");
  private static final List<String> SITE_TYPES = List.of("antenatal-clinic", "tb-service", "womens-shelter");
  private static final List<String> PURPOSES = List.of("TREAT", "COC", "HCOMPL");
  private static final List<String> LABELS = List.of("ETH", "HIV", "SDV");
  private static final List<String> TYPES = List.of("ServiceRequest", "Task");
  private static final List<String> ACTIONS = List.of("access", "disclose", "collect");
  private static final List<String> ELEMENTS = List.of("reasonCode", "note", "supportingInfo");

  private final ConsentDecisionEngine engine = new ConsentDecisionEngine();

  @Property
  void whenADenyIsAddedAnywhereThenNothingMoreIsDisclosed(@ForAll("provisions") Provision consent,
      @ForAll("denies") Provision deny, @ForAll("positions") int position, @ForAll("requests") DisclosureRequest request,
      @ForAll("resources") LabelledResource resource) {
    ConsentDecision before = engine.decide(request, resource, policy(consent, true));
    ConsentDecision after = engine.decide(request, resource, policy(withException(consent, deny, position), true));
    assertThat(disclosesNoMore(after, before)).as("%s then %s", before, after).isTrue();
  }

  @Property
  void whenTheConsentIsRevokedThenOnlyTheCustodianSeesAnything(@ForAll("provisions") Provision consent,
      @ForAll("requests") DisclosureRequest request, @ForAll("resources") LabelledResource resource) {
    ConsentDecision revoked = engine.decide(request, resource, policy(consent, false));
    assertThat(revoked.outcome()).isEqualTo(request.recipient().equals(CUSTODIAN) ? Outcome.PERMIT : Outcome.DENY);
    assertThat(disclosesNoMore(revoked, engine.decide(request, resource, policy(consent, true)))).isTrue();
  }

  @Property
  void whenTheRequestGivesNoPurposeThenItGetsNoMoreThanWithAnyPurpose(@ForAll("provisions") Provision consent,
      @ForAll("requests") DisclosureRequest request, @ForAll("resources") LabelledResource resource) {
    DisclosureRequest withoutPurpose = new DisclosureRequest(request.recipient(), request.recipientSiteType(), null, NOW);
    ConsentDecision without = engine.decide(withoutPurpose, resource, policy(consent, true));
    for (String purpose : List.of("TREAT", "COC", "HCOMPL", "PATRQT")) {
      DisclosureRequest with = new DisclosureRequest(request.recipient(), request.recipientSiteType(), purpose, NOW);
      assertThat(disclosesNoMore(without, engine.decide(with, resource, policy(consent, true)))).as(purpose).isTrue();
    }
  }

  @Property
  void whenTheSiteTypeIsUnknownThenItGetsNoMoreThanWithAnySiteType(@ForAll("provisions") Provision consent,
      @ForAll("requests") DisclosureRequest request, @ForAll("resources") LabelledResource resource) {
    DisclosureRequest unknown = new DisclosureRequest(request.recipient(), null, request.purposeOfUse(), NOW);
    ConsentDecision without = engine.decide(unknown, resource, policy(consent, true));
    for (String siteType : List.of("antenatal-clinic", "tb-service", "womens-shelter", "prison-health")) {
      DisclosureRequest with = new DisclosureRequest(request.recipient(), siteType, request.purposeOfUse(), NOW);
      assertThat(disclosesNoMore(without, engine.decide(with, resource, policy(consent, true)))).as(siteType).isTrue();
    }
  }

  @Property
  void whenDataCarriesOneMoreLabelThenNothingMoreIsDisclosed(@ForAll("provisions") Provision consent,
      @ForAll("requests") DisclosureRequest request, @ForAll("resources") LabelledResource resource,
      @ForAll("labels") String label, @ForAll("elements") String element) {
    Set<String> labels = new HashSet<>(resource.labels());
    labels.add(label);
    Map<String, Set<String>> elementLabels = new HashMap<>(resource.elementLabels());
    Set<String> onElement = new HashSet<>(elementLabels.getOrDefault(element, Set.of()));
    onElement.add(label);
    elementLabels.put(element, onElement);
    ConsentDecision before = engine.decide(request, resource, policy(consent, true));
    LabelledResource moreOnResource = new LabelledResource(resource.reference(), resource.patient(),
        resource.custodian(), labels, resource.elementLabels());
    LabelledResource moreOnElement = new LabelledResource(resource.reference(), resource.patient(),
        resource.custodian(), resource.labels(), elementLabels);
    assertThat(disclosesNoMore(engine.decide(request, moreOnResource, policy(consent, true)), before)).isTrue();
    assertThat(disclosesNoMore(engine.decide(request, moreOnElement, policy(consent, true)), before)).isTrue();
  }

  @Property
  void whenADecisionRedactsThenItNamesOnlyLabelledElementsAndWhatItWithheld(@ForAll("provisions") Provision consent,
      @ForAll("requests") DisclosureRequest request, @ForAll("resources") LabelledResource resource) {
    ConsentDecision decision = engine.decide(request, resource, policy(consent, true));
    if (decision.outcome() == Outcome.REDACT) {
      assertThat(decision.redactedElements()).isNotEmpty().isSubsetOf(resource.elementLabels().keySet());
      assertThat(decision.withheldLabels()).isNotEmpty();
    } else {
      assertThat(decision.redactedElements()).isEmpty();
    }
    if (request.recipient().equals(CUSTODIAN)) {
      assertThat(decision.outcome()).isEqualTo(Outcome.PERMIT);
    }
  }

  /** Whether {@code narrow} discloses nothing that {@code wide} does not. */
  private static boolean disclosesNoMore(ConsentDecision narrow, ConsentDecision wide) {
    if (narrow.outcome() == Outcome.DENY) {
      return true;
    }
    if (wide.outcome() == Outcome.DENY) {
      return false;
    }
    return narrow.redactedElements().containsAll(wide.redactedElements());
  }

  /** Adds {@code exception} to the base provision (position 0) or to one of its exceptions. */
  private static Provision withException(Provision root, Provision exception, int position) {
    int where = position % (root.exceptions().size() + 1);
    if (where == 0) {
      List<Provision> exceptions = new ArrayList<>(root.exceptions());
      exceptions.add(exception);
      return root.withExceptions(exceptions);
    }
    List<Provision> exceptions = new ArrayList<>(root.exceptions());
    Provision parent = exceptions.get(where - 1);
    List<Provision> nested = new ArrayList<>(parent.exceptions());
    nested.add(exception);
    exceptions.set(where - 1, parent.withExceptions(nested));
    return root.withExceptions(exceptions);
  }

  private static ConsentPolicy policy(Provision root, boolean active) {
    return new ConsentPolicy("Consent/c/_history/1", active, "client-1", CUSTODIAN, root);
  }

  @Provide
  Arbitrary<Provision> provisions() {
    return provision(2);
  }

  @Provide
  Arbitrary<Provision> denies() {
    return provision(0).map(provision -> new Provision(false, provision.start(), provision.end(),
        provision.recipients(), provision.recipientSiteTypes(), provision.purposes(), provision.labels(),
        provision.resourceTypes(), provision.actions(), provision.resources(), List.of()));
  }

  @Provide
  Arbitrary<Integer> positions() {
    return Arbitraries.integers().between(0, 10);
  }

  @Provide
  Arbitrary<String> labels() {
    return Arbitraries.of(LABELS);
  }

  @Provide
  Arbitrary<String> elements() {
    return Arbitraries.of(ELEMENTS);
  }

  @Provide
  Arbitrary<DisclosureRequest> requests() {
    Arbitrary<String> recipients = Arbitraries.of(SITES.get(0), SITES.get(1), SITES.get(2), CUSTODIAN);
    Arbitrary<String> siteTypes = Arbitraries.of(SITE_TYPES).injectNull(0.2);
    Arbitrary<String> purposes = Arbitraries.of(PURPOSES).injectNull(0.2);
    return Combinators.combine(recipients, siteTypes, purposes)
        .as((recipient, siteType, purpose) -> new DisclosureRequest(recipient, siteType, purpose, NOW));
  }

  @Provide
  Arbitrary<LabelledResource> resources() {
    Arbitrary<Map<String, Set<String>>> elementLabels = Arbitraries.maps(Arbitraries.of(ELEMENTS), subset(LABELS))
        .ofMaxSize(2);
    return Combinators.combine(Arbitraries.of(TYPES), subset(LABELS), elementLabels)
        .as((type, labels, elements) -> new LabelledResource(type + "/r-1", "client-1", CUSTODIAN, labels, elements));
  }

  private Arbitrary<Provision> provision(int depth) {
    Arbitrary<List<Provision>> exceptions = depth == 0 ? Arbitraries.just(List.of())
        : provision(depth - 1).list().ofMaxSize(3);
    Arbitrary<Provision> conditions = Combinators.combine(Arbitraries.of(true, false), subset(SITES),
        subset(SITE_TYPES), subset(PURPOSES), subset(LABELS), subset(TYPES), subset(ACTIONS), periods())
        .as((permit, recipients, siteTypes, purposes, labels, types, actions, period) -> new Provision(permit,
            period.get1(), period.get2(), recipients, siteTypes, purposes, labels, types, actions, Set.of(), List.of()));
    return Combinators.combine(conditions, exceptions).as(Provision::withExceptions);
  }

  private static Arbitrary<Set<String>> subset(List<String> universe) {
    return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(Set.<String>of())),
        Tuple.of(2, Arbitraries.of(universe).set().ofMinSize(1).ofMaxSize(2)));
  }

  private static Arbitrary<Tuple.Tuple2<Instant, Instant>> periods() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.just(Tuple.of(null, null))),
        Tuple.of(1, Arbitraries.just(Tuple.of(NOW.minus(30, ChronoUnit.DAYS), NOW.minus(1, ChronoUnit.DAYS)))),
        Tuple.of(1, Arbitraries.just(Tuple.of(NOW.minus(1, ChronoUnit.DAYS), NOW.plus(30, ChronoUnit.DAYS)))));
  }
}
