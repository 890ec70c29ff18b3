package org.passagegateway.gateway.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.util.ICachedSearchDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.passagegateway.gateway.config.TransactionBundles;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.gateway.error.PassageException;

/**
 * A site acts as its own Organization and sees only the clinical resources it is a party to
 * ({@link SiteParties}); what it cannot see does not exist for it.
 *
 * <ul>
 *   <li>On create, authorship elements are filled from or checked against the token ({@link
 *       AuthorshipFields}), and custodian and parties are recorded.
 *   <li>An update, PATCH or instance history of a resource the site is not a party to, or that the
 *       client's consent does not let it see ({@link DisclosureRule}), is a 404, the same answer
 *       as for a resource that never existed; so is an update that would create a clinical
 *       resource at an id of the client's choosing. Reads and everything a search finds or
 *       includes are decided where they are loaded, by the consent feature's enforcement.
 *   <li>Every search of a clinical type is narrowed in the database to the resources the site is
 *       a party to; the match of a conditional create to the site's own. {@code _has} and
 *       chained parameters, which would test resources the site may not see, are refused.
 *   <li>The gateway's own tags are never shown.
 * </ul>
 */
@Interceptor
final class SiteBoundary {

  private static final Set<RestOperationTypeEnum> SEARCHES = EnumSet.of(RestOperationTypeEnum.SEARCH_TYPE,
      RestOperationTypeEnum.SEARCH_SYSTEM, RestOperationTypeEnum.GET_PAGE);

  /** Last of the checks of a write (the labeling service is 20, the workflow 10, validation 0). */
  static final int REFERENCES_ORDER = 1000;

  /** Before profile validation, which must see the authorship elements filled in. */
  static final int ORDER = -100;

  private final DaoRegistry daos;
  private final SiteTypes siteTypes;
  private final DisclosureRule disclosures;

  SiteBoundary(DaoRegistry daos, SiteTypes siteTypes, DisclosureRule disclosures) {
    this.daos = daos;
    this.siteTypes = siteTypes;
    this.disclosures = disclosures;
  }

  @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = ORDER)
  public void incoming(RequestDetails request, RestOperationTypeEnum operation) {
    Callers.site(request).ifPresent(caller -> {
      switch (operation) {
        case CREATE -> claim(request.getResource(), caller);
        case UPDATE, PATCH, HISTORY_INSTANCE -> {
          if (request.getId() != null && request.getId().hasIdPart()) {
            requireVisible(request.getResourceName(), request.getId().getIdPart(), caller, request);
          } else if (operation == RestOperationTypeEnum.UPDATE && isClinicalType(request.getResourceName())) {
            throw conditionalUpdate();
          }
        }
        case TRANSACTION -> {
          if (request.getResource() instanceof Bundle bundle) {
            bundle.getEntry().forEach(entry -> entry(entry, caller, request));
          }
        }
        default -> {
          // Reads and searches are handled where the resources are loaded, below.
        }
      }
    });
  }

  /**
   * A transaction or batch entry. HAPI stores the updates of a transaction without calling the
   * pre-storage hooks for them, so an update entry gets here, before anything is written, the
   * checks {@link #updated} makes for a single update; a PATCH entry, whose result is not known
   * before HAPI applies it, is refused for clinical resources (send it on its own).
   */
  private void entry(Bundle.BundleEntryComponent entry, Caller caller, RequestDetails request) {
    Bundle.HTTPVerb verb = entry.getRequest().getMethod();
    if (verb == Bundle.HTTPVerb.POST) {
      claim(entry.getResource(), caller);
      return;
    }
    if (verb != Bundle.HTTPVerb.PUT && verb != Bundle.HTTPVerb.PATCH || !entry.getRequest().hasUrl()) {
      return;
    }
    if (verb == Bundle.HTTPVerb.PUT && entry.getRequest().getUrl().contains("?")) {
      if (isClinicalType(entry.getRequest().getUrl().substring(0, entry.getRequest().getUrl().indexOf('?')))) {
        throw conditionalUpdate();
      }
      return;
    }
    IdType target = new IdType(entry.getRequest().getUrl());
    if (!target.hasResourceType() || !target.hasIdPart()
        || ResourceCategory.of(target.getResourceType()) != ResourceCategory.CLINICAL) {
      return;
    }
    IBaseResource previous = requireVisible(target.getResourceType(), target.getIdPart(), caller, request);
    if (verb == Bundle.HTTPVerb.PATCH) {
      throw PassageError.INVALID_REQUEST.exception(
          "A PATCH of a clinical resource cannot be an entry of a transaction or batch; send it on its own");
    }
    Resource updated = entry.getResource();
    if (updated != null && updated.fhirType().equals(target.getResourceType())) {
      checkUpdate(previous, updated, caller, request);
    }
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = ORDER)
  public void created(RequestDetails request, IBaseResource resource) {
    Callers.site(request).filter(caller -> isClinical(resource))
        .ifPresent(caller -> SiteParties.record(resource, caller.organizationId().orElseThrow()));
  }

  /**
   * After every other check of a write (so that a write refused for another reason gets the same
   * answer whether its references exist or not), where HAPI would check that references resolve.
   */
  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = REFERENCES_ORDER)
  public void createdReferences(RequestDetails request, IBaseResource resource) {
    Callers.site(request).filter(caller -> isClinical(resource))
        .ifPresent(caller -> requireVisibleReferences((Resource) resource, caller, request));
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = REFERENCES_ORDER)
  public void updatedReferences(RequestDetails request, IBaseResource previous, IBaseResource resource) {
    Callers.site(request).filter(caller -> isClinical(resource))
        .ifPresent(caller -> requireVisibleReferences((Resource) resource, caller, request));
  }

  /** The updates of a transaction, which HAPI stores without the pre-storage hooks, after their other checks. */
  @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = REFERENCES_ORDER)
  public void transactionReferences(RequestDetails request, RestOperationTypeEnum operation) {
    if (operation != RestOperationTypeEnum.TRANSACTION || !(request.getResource() instanceof Bundle bundle)) {
      return;
    }
    Callers.site(request).ifPresent(caller -> bundle.getEntry().stream()
        .filter(entry -> entry.getRequest().getMethod() == Bundle.HTTPVerb.PUT && isClinical(entry.getResource()))
        .forEach(entry -> requireVisibleReferences(entry.getResource(), caller, request)));
  }

  /**
   * A site's write may refer only to client data it may see: a reference to another custodian's
   * resource the site is not shown is answered as HAPI answers a reference to a resource that does
   * not exist, so a write cannot test whether an id exists, nor attach data to a client the site
   * may not see. (Top-level references; those inside a transaction are to its own entries.)
   */
  private void requireVisibleReferences(Resource resource, Caller caller, RequestDetails request) {
    // What the same transaction writes is the site's own: no need to read it back.
    Set<String> written = new HashSet<>();
    TransactionBundles.of(request).ifPresent(bundle -> bundle.getEntry().stream()
        .filter(entry -> entry.hasResource() && entry.getResource().getIdElement().hasIdPart())
        .forEach(entry -> written.add(entry.getResource().fhirType() + "/" + entry.getResource().getIdElement().getIdPart())));
    for (Property property : resource.children()) {
      for (org.hl7.fhir.r4.model.Base value : property.getValues()) {
        if (value instanceof Reference reference && reference.hasReference()) {
          IdType target = new IdType(reference.getReference());
          if (target.hasResourceType() && target.hasIdPart() && !target.isAbsolute() && !target.isLocal()
              && isClinicalType(target.getResourceType())
              && !written.contains(target.getResourceType() + "/" + target.getIdPart())
              && !visibleOrAbsent(target, caller, request)) {
            throw PassageError.INVALID_REQUEST.exception("Resource " + target.getResourceType() + "/" + target.getIdPart()
                + " not found, specified in path: " + resource.fhirType() + "." + property.getName());
          }
        }
      }
    }
  }

  /** Whether the referenced resource is visible to the site, or does not exist (which HAPI answers itself). */
  private boolean visibleOrAbsent(IdType target, Caller caller, RequestDetails request) {
    try {
      IBaseResource stored = daos.getResourceDao(target.getResourceType())
          .read(target.toUnqualifiedVersionless(), new SystemRequestDetails());
      return visibleToSite(stored, caller, request);
    } catch (ResourceNotFoundException | ResourceGoneException absent) {
      return true;
    }
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = ORDER)
  public void updated(RequestDetails request, IBaseResource previous, IBaseResource resource) {
    Callers.site(request).filter(caller -> isClinical(resource))
        .ifPresent(caller -> checkUpdate(previous, (Resource) resource, caller, request));
  }

  /**
   * An update by a site: the stored resource must be visible to it (else 404), and, unless it is a
   * referral Task (which both parties update, under the workflow's rules), recorded by it; the
   * authorship elements keep their values; the gateway's tags are recomputed.
   */
  private void checkUpdate(IBaseResource previous, Resource resource, Caller caller, RequestDetails request) {
    String site = caller.organizationId().orElseThrow();
    if (!visibleToSite(previous, caller, request)) {
      throw PassageError.RESOURCE_NOT_FOUND.exception();
    }
    if (!(resource instanceof org.hl7.fhir.r4.model.Task) && !SiteParties.custodian(previous).filter(site::equals).isPresent()) {
      throw PassageError.INTERACTION_NOT_ALLOWED.exception("update of a " + resource.fhirType() + " another site recorded");
    }
    AuthorshipFields.keep((Resource) previous, resource);
    SiteParties.record(resource, SiteParties.custodian(previous).orElse(site));
  }

  @Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
  public void search(RequestDetails request, ICachedSearchDetails search, SearchParameterMap parameters) {
    Callers.site(request).ifPresent(caller -> {
      if (parameters.containsKey("_has")) {
        throw PassageError.INVALID_REQUEST.exception("The _has parameter is not supported");
      }
      if (ResourceCategory.of(search.getResourceType()) != ResourceCategory.CLINICAL) {
        return;
      }
      boolean chained = parameters.values().stream().flatMap(List::stream).flatMap(List::stream)
          .anyMatch(value -> value instanceof ReferenceParam reference && reference.getChain() != null);
      if (chained) {
        throw PassageError.INVALID_REQUEST.exception("Chained search parameters are not supported on clinical resources");
      }
      String site = caller.organizationId().orElseThrow();
      if (!SEARCHES.contains(request.getRestOperationType())) {
        // The match of a conditional create (alone or in a transaction): only the site's own
        // resources may match, since the answer (created or not, and the id) is shown whatever
        // the client's consent says about the resources of other custodians.
        parameters.add("_tag", new TokenOrListParam().add(SiteParties.CUSTODIAN, site));
        return;
      }
      if ("Task".equals(search.getResourceType()) && (namesOnly(parameters, "owner", site)
          || namesOnly(parameters, "requester", site))) {
        // An inbox or outbox of the site's own Tasks: every match has the site as a party already
        // (the gateway records owner and requester as parties on every write), so narrowing again
        // would only cost a join. Each Task found is still checked before it is shown.
        return;
      }
      TokenOrListParam visible = new TokenOrListParam().add(SiteParties.PARTY, site);
      siteTypes.ofCaller(request, caller).ifPresent(type -> visible.add(SiteParties.OPEN_TO, type));
      parameters.add("_tag", visible);
    });
  }

  /** Whether one AND-clause of the search restricts the parameter to exactly the site's Organization, without modifiers. */
  private static boolean namesOnly(SearchParameterMap parameters, String name, String organizationId) {
    List<List<IQueryParameterType>> clauses = parameters.get(name);
    if (clauses == null) {
      return false;
    }
    return clauses.stream().anyMatch(alternatives -> alternatives.size() == 1
        && alternatives.get(0) instanceof ReferenceParam reference
        && reference.getChain() == null && reference.getQueryParameterQualifier() == null
        && "Organization".equals(reference.getResourceType())
        && organizationId.equals(reference.getIdPart()));
  }

  /** Last of the hooks that look at what is shown, since some read the tags first (custodian). */
  @Hook(value = Pointcut.STORAGE_PRESHOW_RESOURCES, order = 1000)
  public void show(RequestDetails request, IPreResourceShowDetails resources) {
    for (int i = 0; i < resources.size(); i++) {
      if (resources.getResource(i) instanceof Resource resource) {
        SiteParties.strip(resource);
      }
    }
  }

  /** What a write returns (the resource, a transaction's entries) never shows the gateway's tags either. */
  /** After the consent enforcement (order 100), which reads the tags and labels of what a response holds. */
  @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = 1000)
  public void respond(IBaseResource response) {
    if (response instanceof Bundle bundle) {
      bundle.getEntry().stream().filter(Bundle.BundleEntryComponent::hasResource)
          .forEach(entry -> SiteParties.strip(entry.getResource()));
    } else if (response instanceof Resource resource) {
      SiteParties.strip(resource);
    }
  }

  /** A party to the stored resource (or an open referral to its kind of site) whom the client's consent lets see it. */
  private boolean visibleToSite(IBaseResource stored, Caller caller, RequestDetails request) {
    return SiteParties.isVisibleTo(stored, caller.organizationId().orElseThrow(),
        siteTypes.ofCaller(request, caller).orElse(null)) && disclosures.discloses(request, caller, stored);
  }

  /** The stored clinical resource, if the site may see it; 404 otherwise (also for one that never existed). */
  private IBaseResource requireVisible(String type, String id, Caller caller, RequestDetails request) {
    if (ResourceCategory.of(type) != ResourceCategory.CLINICAL) {
      return null;
    }
    try {
      IBaseResource stored = daos.getResourceDao(type).read(new IdType(type, id), new SystemRequestDetails());
      if (visibleToSite(stored, caller, request)) {
        return stored;
      }
    } catch (ResourceNotFoundException | ResourceGoneException absent) {
      // The same answer as for a resource the site may not see.
    }
    throw PassageError.RESOURCE_NOT_FOUND.exception();
  }

  /**
   * A conditional update may create the resource when nothing matches, with authorship the site
   * has not been held to; a site updates a clinical resource by its id.
   */
  private static PassageException conditionalUpdate() {
    return PassageError.INTERACTION_NOT_ALLOWED.exception("a conditional update of a clinical resource (update it by its id)");
  }

  private static boolean isClinicalType(String type) {
    return ResourceCategory.of(type) == ResourceCategory.CLINICAL;
  }

  private static void claim(IBaseResource resource, Caller caller) {
    if (resource instanceof Resource clinical && isClinical(clinical)) {
      AuthorshipFields.claim(clinical, caller.organizationId().orElseThrow());
    }
  }

  private static boolean isClinical(IBaseResource resource) {
    return resource instanceof Resource r && ResourceCategory.of(r.fhirType()) == ResourceCategory.CLINICAL;
  }
}
