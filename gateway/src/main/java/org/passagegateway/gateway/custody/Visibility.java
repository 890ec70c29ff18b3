package org.passagegateway.gateway.custody;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.passagegateway.gateway.config.TransactionBundles;
import org.passagegateway.gateway.consent.ConsentDecision;
import org.passagegateway.gateway.consent.ConsentPolicy;
import org.passagegateway.gateway.consent.ConsentVersions;
import org.passagegateway.gateway.consent.DisclosureRequest;
import org.passagegateway.gateway.consent.Disclosures;
import org.passagegateway.gateway.consent.LabelledResource;
import org.passagegateway.gateway.consent.Redaction;
import org.passagegateway.gateway.security.Caller;
import org.passagegateway.gateway.security.Callers;
import org.passagegateway.gateway.security.ResourceCategory;
import org.passagegateway.gateway.security.SiteTypes;

/**
 * The one decision of what a site may see of a stored client resource: permit, permit with
 * redaction, or deny (DESIGN.md, "Consent semantics" and "Custody"). Every path that shows,
 * changes, refers to, notifies about or claims client data asks it, and it alone asks the consent
 * engine:
 *
 * <ul>
 *   <li>The custodian sees its own data whole.
 *   <li>Any other site sees a resource only where it is a party to it (or it is an open referral to
 *       its kind of site) and the client's one active consent held by the custodian permits it for
 *       that site and purpose, now; what the consent withholds, the narrative, and (where a
 *       referral to that site says so) her contact details are removed.
 *   <li>Everything else is denied, and a denied resource does not exist for the site.
 * </ul>
 *
 * <p>Decisions are taken once per request, site and resource version, against the consents as
 * committed when the request read them; a write pins the consent versions it was decided under
 * ({@link ConsentPins}). Each decision the client's consent took is kept for the audit log, which
 * records every deny and every permit whose resource left in a successful response.
 */
public final class Visibility {

  private final Disclosures disclosures;
  private final ConsentVersions versions;
  private final SiteTypes siteTypes;
  private final DoNotContact doNotContact;
  private final DecisionLog log;
  private final Clock clock;
  private final boolean byConsent;

  /**
   * @param byConsent whether the client's consent decides (always, except to measure its cost on the
   *     demo network: a site then sees whatever it is a party to)
   */
  Visibility(Disclosures disclosures, ConsentVersions versions, SiteTypes siteTypes, DoNotContact doNotContact,
      DecisionLog log, Clock clock, boolean byConsent) {
    this.log = log;
    this.disclosures = disclosures;
    this.versions = versions;
    this.siteTypes = siteTypes;
    this.doNotContact = doNotContact;
    this.clock = clock;
    this.byConsent = byConsent;
  }

  /** The calling site as a viewer, or empty when the caller is not a site. */
  public Optional<Viewer> viewerOf(RequestDetails request) {
    return Callers.site(request).map(caller -> viewerOf(request, caller));
  }

  Viewer viewerOf(RequestDetails request, Caller caller) {
    return new Viewer(caller.organizationId().orElseThrow(), siteTypes.ofCaller(request, caller).orElse(null),
        caller.purposeOfUse().orElse(null));
  }

  /**
   * Whether the calling site may send a referral to another site: whether that site, for the
   * purpose the caller states, may see the stored referral. A refusal is a deny the audit log
   * records, naming the sender as agent and the addressee as recipient.
   */
  public boolean mayBeSentTo(RequestDetails request, String site, Resource referral) {
    Optional<Caller> sender = Callers.site(request);
    if (sender.isEmpty()) {
      return true;
    }
    return decide(request, viewer(site, sender.get().purposeOfUse().orElse(null)), referral).shows();
  }

  /** A site other than the caller (the owner a referral is sent to), for the caller's purpose. */
  Viewer viewer(String site, String purposeOfUse) {
    return new Viewer(site, siteTypes.of(site).orElse(null), purposeOfUse);
  }

  /** The verdict for the request's calling site; a caller that is not a site is not decided here (permit). */
  public Verdict decide(RequestDetails request, Resource stored) {
    Optional<Viewer> viewer = viewerOf(request);
    return viewer.isEmpty() ? permit(null) : decide(request, viewer.get(), stored);
  }

  /** The verdict for a site, within the request's scope. */
  Verdict decide(RequestDetails request, Viewer viewer, Resource stored) {
    return decide(VisibilityScope.of(request, clock.instant()), viewer, stored, request);
  }

  /** The verdict for a site outside any request (a notification), deciding against the database now. */
  Verdict decideNow(Viewer viewer, Resource stored) {
    return decide(VisibilityScope.alone(clock.instant()), viewer, stored, null);
  }

  /**
   * Whether a notification about a stored resource may reach the site that wrote the Subscription:
   * the site must still be a party to it, and the client's consent, as committed now, must let the
   * site see it for the purpose stated when subscribing. A notification withheld by her consent is
   * a deny the audit log records at once.
   */
  public boolean notifies(Resource subscription, Resource focus) {
    Optional<String> site = CustodyTags.custodian(subscription);
    if (site.isEmpty()) {
      return false;
    }
    String purpose = CustodyTags.purposeOf(subscription).orElse(null);
    Verdict verdict = decideNow(viewer(site.get(), purpose), focus);
    if (verdict.byConsent() && !verdict.shows()) {
      log.decided(verdict, CustodyTags.subscriberOf(subscription).orElse(site.get()), purpose);
    }
    return verdict.shows();
  }

  /** Whether the calling site is the custodian of the stored resource (who alone changes some of its data). */
  public boolean isCustodian(RequestDetails request, Resource stored) {
    return viewerOf(request).flatMap(viewer -> CustodyTags.custodian(stored).filter(viewer.site()::equals)).isPresent();
  }

  private Verdict decide(VisibilityScope scope, Viewer viewer, Resource stored, RequestDetails request) {
    String key = VisibilityScope.key(viewer, stored);
    Verdict known = scope.verdict(key);
    if (known != null) {
      return known;
    }
    Verdict verdict = verdict(scope, viewer, stored, request);
    scope.decided(key, verdict);
    return verdict;
  }

  private Verdict verdict(VisibilityScope scope, Viewer viewer, Resource stored, RequestDetails request) {
    if (ResourceCategory.of(stored.fhirType()) != ResourceCategory.CLINICAL) {
      return permit(viewer);
    }
    Optional<String> custodian = CustodyTags.custodian(stored);
    if (custodian.isEmpty() && !stored.getIdElement().hasVersionIdPart()) {
      // Not a stored resource (one contained in another, or built for the response): shown only
      // as part of the resource that holds it, which is decided on its own account.
      return permit(viewer);
    }
    if (custodian.filter(viewer.site()::equals).isPresent()) {
      return permit(viewer);
    }
    if (!CustodyTags.isParty(stored, viewer.site()) && !CustodyTags.isOpenTo(stored, viewer.siteType())) {
      return new Verdict(Verdict.Kind.DENY, ConsentDecision.noConsent(), null, viewer, false);
    }
    Optional<LabelledResource> labelled = DisclosedResources.of(stored);
    if (labelled.isEmpty()) {
      return new Verdict(Verdict.Kind.DENY, ConsentDecision.noConsent(), null, viewer, false);
    }
    LabelledResource about = labelled.get();
    ConsentDecision decision;
    if (byConsent) {
      Optional<ConsentPolicy> consent = consentOf(scope, about, request);
      decision = disclosures.decide(new DisclosureRequest(viewer.site(), viewer.siteType(), viewer.purposeOfUse(),
          scope.started()), about, consent);
    } else {
      decision = ConsentDecision.custodian();
    }
    if (!decision.discloses()) {
      return new Verdict(Verdict.Kind.DENY, decision, about, viewer, false);
    }
    boolean contactWithheld = stored instanceof Patient && doNotContact(scope, about.patient(), viewer.site());
    return new Verdict(Verdict.Kind.REDACT, decision, byConsent ? about : null, viewer, contactWithheld);
  }

  /**
   * Removes from a resource about to be shown what the verdict withholds: the values the consent
   * withholds, the narrative (which could repeat them) and, for a client the site must not
   * contact, her contact details. No marker is left.
   */
  public static void show(Resource shown, Verdict verdict) {
    if (verdict.kind() != Verdict.Kind.REDACT) {
      return;
    }
    Redaction.apply(shown, verdict.decision());
    if (shown instanceof DomainResource domain) {
      domain.setText(null);
    }
    if (verdict.contactWithheld() && shown instanceof Patient client) {
      DoNotContact.redact(client);
    }
  }

  /**
   * Reads, in one search, the consents in force of every client among these resources that the
   * request has not read yet (for a request that writes nothing, only those whose consent version
   * moved since this node last read them), so a page of results costs one read of consents.
   */
  void readConsentsOf(RequestDetails request, Viewer viewer, Collection<Resource> resources) {
    if (!byConsent) {
      return;
    }
    VisibilityScope scope = VisibilityScope.of(request, clock.instant());
    Set<String> unread = new HashSet<>();
    for (Resource resource : resources) {
      if (ResourceCategory.of(resource.fhirType()) == ResourceCategory.CLINICAL
          && CustodyTags.custodian(resource).filter(custodian -> !custodian.equals(viewer.site())).isPresent()) {
        DisclosedResources.patientOf(resource).filter(patient -> !scope.hasConsentsOf(patient)).ifPresent(unread::add);
      }
    }
    if (!unread.isEmpty()) {
      read(scope, unread);
    }
  }

  private Optional<ConsentPolicy> consentOf(VisibilityScope scope, LabelledResource about, RequestDetails request) {
    if (!scope.readOnly() && request != null) {
      recordedNow(scope, request);
    }
    if (scope.recordedNow(about.patient(), about.custodian())) {
      // Written by this very transaction: its own change, nothing to read or pin.
      return scope.consent(about.patient(), about.custodian());
    }
    if (!scope.hasConsentsOf(about.patient())) {
      read(scope, Set.of(about.patient()));
    }
    if (!scope.readOnly()) {
      ConsentPins.pin(versions, about.patient(), scope.versionOf(about.patient()));
    }
    return scope.consent(about.patient(), about.custodian());
  }

  private void read(VisibilityScope scope, Set<String> patients) {
    // A read checks versions inside the consents it remembers; a write reads them to pin them.
    Map<String, Long> pinned = scope.readOnly() ? Map.of() : versions.of(patients);
    scope.readConsents(patients, pinned, disclosures.inForce(patients, scope.readOnly()));
  }

  /**
   * The consents in force that the request's own transaction records (its search index may not
   * show them yet, and they govern from now on), taken once per request.
   */
  private void recordedNow(VisibilityScope scope, RequestDetails request) {
    if (!scope.takeRecordedNow()) {
      return;
    }
    TransactionBundles.of(request).filter(bundle -> bundle.getType() == Bundle.BundleType.TRANSACTION).stream()
        .flatMap(bundle -> bundle.getEntry().stream())
        .filter(entry -> entry.getResource() instanceof Consent).map(entry -> (Consent) entry.getResource())
        .map(disclosures::recordedNow).flatMap(Optional::stream)
        .forEach(scope::recordedNow);
  }

  private boolean doNotContact(VisibilityScope scope, String patient, String site) {
    String key = patient + "|" + site;
    return scope.doNotContact(key).orElseGet(() -> {
      boolean applies = doNotContact.applies(patient, site);
      scope.doNotContact(key, applies);
      return applies;
    });
  }

  private static Verdict permit(Viewer viewer) {
    return new Verdict(Verdict.Kind.PERMIT, ConsentDecision.custodian(), null, viewer, false);
  }
}
