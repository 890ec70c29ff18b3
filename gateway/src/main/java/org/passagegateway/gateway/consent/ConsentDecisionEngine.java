package org.passagegateway.gateway.consent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Decides whether one resource of a client may be disclosed to a requesting organization, by the
 * rules of DESIGN.md, "Consent semantics". Pure: no I/O, no clock, no state.
 *
 * <ul>
 *   <li>The custodian always sees its own data.
 *   <li>Anyone else sees nothing unless the client's consent held by that custodian is active and
 *       in period (default deny; the caller finds that one consent).
 *   <li>Each part of the data is decided separately: its unlabelled content and each sensitivity
 *       label it carries. A provision whose conditions hold decides a part if it is about that
 *       part: a deny without labels is about all parts, a permit without labels only about
 *       unlabelled content, a provision with labels only about those labels. Exceptions
 *       (nested provisions) that hold override their parent, deny winning among siblings; what no
 *       provision permits is denied (the consent is opt-in).
 *   <li>A resource is disclosed only if its unlabelled content and every one of its labels are
 *       permitted; an element labelled on its own is removed unless all its labels are permitted.
 *   <li>Missing request context never widens access: a request without a purpose of use (or
 *       without a known site type) is permitted only what every possible value would be permitted.
 * </ul>
 */
public final class ConsentDecisionEngine {

  /** The part of a resource that carries no sensitivity label. */
  private static final String UNLABELLED = "";
  /** Stands for every value a consent does not name. */
  private static final String UNNAMED = "\u0000unnamed";

  public ConsentDecision decide(DisclosureRequest request, LabelledResource resource, ConsentPolicy consent) {
    if (request.recipient().equals(resource.custodian())) {
      return ConsentDecision.custodian();
    }
    if (consent == null || !consent.governs(resource, request.time())) {
      return ConsentDecision.noConsent();
    }
    Map<String, Boolean> permitted = new HashMap<>();
    Function<String, Boolean> decidePart =
        part -> permitted.computeIfAbsent(part, p -> permittedForEveryContext(consent.root(), p, request, resource));

    Set<String> withheld = new TreeSet<>();
    for (String label : resource.labels()) {
      if (!decidePart.apply(label)) {
        withheld.add(label);
      }
    }
    if (!decidePart.apply(UNLABELLED) || !withheld.isEmpty()) {
      return new ConsentDecision(ConsentDecision.Outcome.DENY, ConsentDecision.Basis.CONSENT, consent.reference(),
          Set.of(), withheld);
    }
    Set<String> redacted = new TreeSet<>();
    resource.elementLabels().forEach((path, labels) -> {
      for (String label : labels) {
        if (!decidePart.apply(label)) {
          redacted.add(path);
          withheld.add(label);
        }
      }
    });
    ConsentDecision.Outcome outcome = redacted.isEmpty() ? ConsentDecision.Outcome.PERMIT : ConsentDecision.Outcome.REDACT;
    return new ConsentDecision(outcome, ConsentDecision.Basis.CONSENT, consent.reference(), redacted, withheld);
  }

  /** The part is permitted for the request as given, or, where context is missing, for every value it could have. */
  private static boolean permittedForEveryContext(Provision root, String part, DisclosureRequest request,
      LabelledResource resource) {
    for (DisclosureRequest possible : possibleRequests(root, request)) {
      if (decide(root, part, true, possible, resource) != Boolean.TRUE) {
        return false;
      }
    }
    return true;
  }

  private static List<DisclosureRequest> possibleRequests(Provision root, DisclosureRequest request) {
    List<String> purposes = request.purposeOfUse() != null ? List.of(request.purposeOfUse())
        : named(root, Provision::purposes);
    List<String> siteTypes = request.recipientSiteType() != null ? List.of(request.recipientSiteType())
        : named(root, Provision::recipientSiteTypes);
    List<DisclosureRequest> possible = new ArrayList<>();
    for (String purpose : purposes) {
      for (String siteType : siteTypes) {
        possible.add(new DisclosureRequest(request.recipient(), siteType, purpose, request.time()));
      }
    }
    return possible;
  }

  /** Every value the provisions name for one element, plus one that none of them names. */
  private static List<String> named(Provision root, Function<Provision, Set<String>> element) {
    Set<String> values = new LinkedHashSet<>();
    collect(root, element, values);
    values.add(UNNAMED);
    return List.copyOf(values);
  }

  private static void collect(Provision provision, Function<Provision, Set<String>> element, Set<String> into) {
    into.addAll(element.apply(provision));
    provision.exceptions().forEach(exception -> collect(exception, element, into));
  }

  /**
   * TRUE (permit), FALSE (deny) or null (this provision and its exceptions say nothing about the part).
   *
   * @param inParentScope whether the part is within the labels every enclosing provision is about
   */
  private static Boolean decide(Provision provision, String part, boolean inParentScope, DisclosureRequest request,
      LabelledResource resource) {
    if (!ProvisionMatch.conditionsHold(provision, request, resource)) {
      return null;
    }
    boolean inScope = inParentScope && isAbout(provision, part);
    Boolean own = null;
    if (inScope) {
      own = provision.permit() ? (grants(provision, part) ? Boolean.TRUE : null) : Boolean.FALSE;
    }
    Boolean exceptions = null;
    for (Provision exception : provision.exceptions()) {
      Boolean answer = decide(exception, part, inScope, request, resource);
      if (answer == Boolean.FALSE) {
        exceptions = Boolean.FALSE;
      } else if (answer == Boolean.TRUE && exceptions == null) {
        exceptions = Boolean.TRUE;
      }
    }
    return exceptions != null ? exceptions : own;
  }

  private static boolean isAbout(Provision provision, String part) {
    return provision.labels().isEmpty() || provision.labels().contains(part);
  }

  private static boolean grants(Provision provision, String part) {
    return part.equals(UNLABELLED) ? provision.labels().isEmpty() : provision.labels().contains(part);
  }
}
