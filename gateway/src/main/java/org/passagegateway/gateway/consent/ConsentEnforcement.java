package org.passagegateway.gateway.consent;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceAccessDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentOutcome;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentContextServices;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentService;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Resource;
import org.passagegateway.gateway.security.Caller;
import org.passagegateway.gateway.security.Callers;
import org.passagegateway.gateway.security.DisclosureRule;
import org.passagegateway.gateway.security.ResourceCategory;
import org.passagegateway.gateway.security.Role;
import org.passagegateway.gateway.security.RolePermissions;
import org.passagegateway.gateway.security.SiteParties;
import org.passagegateway.gateway.security.SiteTypes;

/**
 * The one enforcement point of what a caller is shown, on every read path, as a consent service
 * of HAPI's {@code ConsentInterceptor}: HAPI asks it about every resource it loads (reads,
 * searches and what they include, histories, pages), every resource it is about to show, and
 * every resource inside a response (transaction and batch entries), and it refuses {@code
 * _total=accurate} and {@code _summary=count} and clears Bundle totals, since counts would
 * include what is withheld.
 *
 * <ul>
 *   <li>A caller sees only resource types its role and scopes allow.
 *   <li>A site sees a clinical resource only where it is a party to it (or it is an open
 *       referral to its kind of site) and the client's consent permits it ({@link Disclosures}):
 *       otherwise the resource is dropped, and a read answers as for one that never existed.
 *   <li>What it is shown of another custodian's resource is redacted as decided, without a
 *       marker, and without narrative (which could repeat what was withheld).
 *   <li>Each decision taken by consent goes to the {@link DisclosureLog}, once per resource and
 *       request.
 * </ul>
 *
 * <p>Decisions are taken against the consents as committed when the request reads them, with the
 * request's start as the time; nothing is kept beyond the request.
 */
@Interceptor
final class ConsentEnforcement implements IConsentService, DisclosureRule {

  private static final String STATE = ConsentEnforcement.class.getName();

  /** Requests that write nothing, which may use consents remembered under an unchanged version. */
  private static final Set<RestOperationTypeEnum> READS = EnumSet.of(RestOperationTypeEnum.READ, RestOperationTypeEnum.VREAD,
      RestOperationTypeEnum.SEARCH_TYPE, RestOperationTypeEnum.SEARCH_SYSTEM, RestOperationTypeEnum.GET_PAGE,
      RestOperationTypeEnum.HISTORY_INSTANCE);

  private final Disclosures disclosures;
  private final ConsentCache cache;
  private final SiteTypes siteTypes;
  private final DisclosureLog log;
  private final Clock clock;
  private final boolean byConsent;

  /**
   * @param byConsent whether the client's consent decides (always, except to measure its cost: a
   *     site then sees whatever it is a party to)
   */
  ConsentEnforcement(Disclosures disclosures, ConsentCache cache, SiteTypes siteTypes, DisclosureLog log, Clock clock,
      boolean byConsent) {
    this.disclosures = disclosures;
    this.cache = cache;
    this.siteTypes = siteTypes;
    this.log = log;
    this.clock = clock;
    this.byConsent = byConsent;
  }

  /**
   * Before HAPI's consent interceptor (order 100) asks about each resource loaded: reads the
   * consents of every client among them that the request has not read yet, in one search (for a
   * request that writes nothing, only those of clients whose consent version moved since this node
   * last read them), so a page of results costs one read of consents however many clients it shows.
   */
  @Hook(value = Pointcut.STORAGE_PREACCESS_RESOURCES, order = 50)
  public void readConsentsOfPage(RequestDetails request, IPreResourceAccessDetails resources) {
    Optional<Caller> caller = Callers.site(request);
    if (caller.isEmpty() || !byConsent) {
      return;
    }
    String site = caller.get().organizationId().orElseThrow();
    RequestState state = state(request);
    Set<String> unread = new HashSet<>();
    for (int i = 0; i < resources.size(); i++) {
      if (resources.getResource(i) instanceof Resource resource
          && ResourceCategory.of(resource.fhirType()) == ResourceCategory.CLINICAL) {
        Optional<String> custodian = SiteParties.custodian(resource);
        Optional<String> patient = DisclosedResources.patientOf(resource);
        if (custodian.isPresent() && patient.isPresent() && !custodian.get().equals(site)) {
          unread.add(patient.get() + "|" + custodian.get());
        }
      }
    }
    unread.removeAll(state.consents.keySet());
    if (unread.isEmpty()) {
      return;
    }
    Set<String> patients = new HashSet<>();
    unread.forEach(key -> patients.add(key.substring(0, key.indexOf('|'))));
    Map<String, Optional<ConsentPolicy>> found = READS.contains(request.getRestOperationType())
        ? cache.consentsOf(patients) : disclosures.consentsOf(patients);
    unread.forEach(key -> state.consents.put(key, found.getOrDefault(key, Optional.empty())));
  }

  @Override
  public boolean shouldProcessCanSeeResource(RequestDetails request, IConsentContextServices context) {
    return Callers.of(request).isPresent();
  }

  @Override
  public ConsentOutcome canSeeResource(RequestDetails request, IBaseResource resource, IConsentContextServices context) {
    Optional<Caller> caller = Callers.of(request);
    if (caller.isEmpty()) {
      return ConsentOutcome.PROCEED;
    }
    String type = request.getFhirContext().getResourceType(resource);
    if (!RolePermissions.allows(caller.get(), type, 'r') && !RolePermissions.allows(caller.get(), type, 's')) {
      return ConsentOutcome.REJECT;
    }
    if (!concernsSite(caller.get(), type)) {
      return ConsentOutcome.PROCEED;
    }
    return decision(request, caller.get(), (Resource) resource).discloses() ? ConsentOutcome.PROCEED : ConsentOutcome.REJECT;
  }

  @Override
  public ConsentOutcome willSeeResource(RequestDetails request, IBaseResource resource, IConsentContextServices context) {
    Optional<Caller> caller = Callers.of(request);
    if (caller.isEmpty() || !(resource instanceof Resource shown) || !concernsSite(caller.get(), shown.fhirType())) {
      return ConsentOutcome.PROCEED;
    }
    ConsentDecision decision = decision(request, caller.get(), shown);
    if (!decision.discloses()) {
      return ConsentOutcome.REJECT;
    }
    if (decision.basis() != ConsentDecision.Basis.CUSTODIAN) {
      Redaction.apply(shown, decision);
      if (shown instanceof DomainResource domain) {
        domain.setText(null);
      }
    }
    return ConsentOutcome.PROCEED;
  }

  @Override
  public boolean discloses(RequestDetails request, Caller caller, IBaseResource stored) {
    return caller.role() != Role.SITE || decision(request, caller, (Resource) stored).discloses();
  }

  private static boolean concernsSite(Caller caller, String type) {
    return caller.role() == Role.SITE && ResourceCategory.of(type) == ResourceCategory.CLINICAL;
  }

  /** The site's decision for the resource, taken once per request and resource version. */
  private ConsentDecision decision(RequestDetails request, Caller caller, Resource resource) {
    RequestState state = state(request);
    String key = resource.fhirType() + "/" + resource.getIdElement().getIdPart() + "/" + resource.getIdElement().getVersionIdPart();
    ConsentDecision known = state.decided.get(key);
    if (known != null) {
      return known;
    }
    String site = caller.organizationId().orElseThrow();
    String siteType = siteTypes.ofCaller(request, caller).orElse(null);
    ConsentDecision decision;
    if (SiteParties.custodian(resource).isEmpty() && !resource.getIdElement().hasVersionIdPart()) {
      // Not a stored resource (one contained in another, or built for the response): it is shown
      // only as part of the resource that holds it, decided on its own account.
      decision = ConsentDecision.custodian();
    } else if (!SiteParties.isVisibleTo(resource, site, siteType)) {
      decision = ConsentDecision.noConsent();
    } else if (!byConsent) {
      decision = ConsentDecision.custodian();
    } else {
      Disclosures.Decided decided = disclosures.decide(
          new DisclosureRequest(site, siteType, caller.purposeOfUse().orElse(null), state.started), resource, state.consents);
      decision = decided.decision();
      if (decided.byConsent() && decided.resource() != null) {
        log.decided(request, caller, decided);
      }
    }
    state.decided.put(key, decision);
    return decision;
  }

  private RequestState state(RequestDetails request) {
    return (RequestState) request.getUserData().computeIfAbsent(STATE, key -> new RequestState(clock.instant()));
  }

  /** What one request has read and decided. */
  private static final class RequestState {
    private final Instant started;
    private final Map<String, Optional<ConsentPolicy>> consents = new HashMap<>();
    private final Map<String, ConsentDecision> decided = new HashMap<>();

    RequestState(Instant started) {
      this.started = started;
    }
  }
}
