package org.passagegateway.gateway.custody;

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
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.util.ICachedSearchDetails;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.passagegateway.gateway.config.RequestEntries;
import org.passagegateway.gateway.config.Stages;
import org.passagegateway.gateway.config.TransactionBundles;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.gateway.error.PassageException;
import org.passagegateway.gateway.security.Caller;
import org.passagegateway.gateway.security.Callers;
import org.passagegateway.gateway.security.ResourceCategory;

/**
 * A site acts as its own Organization and sees only the client data that {@link Visibility} lets
 * it see; what it may not see does not exist for it. The same checks hold for a single request and
 * for every entry of a transaction or batch:
 *
 * <ul>
 *   <li>A create fills the authorship elements from the token or refuses another organization
 *       ({@link AuthorshipFields}).
 *   <li>An update, PATCH, delete or instance history of client data the site may not see is a 404,
 *       the answer for data that never existed; so is an update that would create client data at an
 *       id of the caller's choosing. A conditional update of client data is refused.
 *   <li>When stored, an update is decided again against the version it overwrites, inside its
 *       database transaction; only the custodian updates anything but a referral Task, and the
 *       authorship elements keep their values.
 *   <li>A write may refer only to client data the site may see: a reference to client data that
 *       does not exist and one to client data the site may not see are refused alike, naming the
 *       element, not the id.
 *   <li>Every search of client data is narrowed in the database to what the site is a party to;
 *       the match of a conditional create to the site's own. {@code _has} and chained parameters
 *       are refused.
 *   <li>The gateway's own tags are never shown.
 * </ul>
 */
@Interceptor
final class SiteBoundary {

  private static final Set<RestOperationTypeEnum> SEARCHES = EnumSet.of(RestOperationTypeEnum.SEARCH_TYPE,
      RestOperationTypeEnum.SEARCH_SYSTEM, RestOperationTypeEnum.GET_PAGE);

  private final DaoRegistry daos;
  private final Visibility visibility;

  SiteBoundary(DaoRegistry daos, Visibility visibility) {
    this.daos = daos;
    this.visibility = visibility;
  }

  @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = Stages.CUSTODY)
  public void incoming(RequestDetails request, RestOperationTypeEnum operation) {
    Callers.site(request).ifPresent(caller -> {
      if (operation == RestOperationTypeEnum.HISTORY_INSTANCE && request.getId() != null && request.getId().hasIdPart()) {
        requireVisible(request.getResourceName(), request.getId().getIdPart(), request);
      }
      for (RequestEntries.Entry entry : RequestEntries.of(request, operation)) {
        entry(entry, caller, request);
      }
    });
  }

  private void entry(RequestEntries.Entry entry, Caller caller, RequestDetails request) {
    if (!isClinicalType(entry.resourceType())) {
      return;
    }
    if (entry.operation() == RestOperationTypeEnum.CREATE) {
      if (entry.resource() != null && isClinical(entry.resource())) {
        AuthorshipFields.claim(entry.resource(), caller.organizationId().orElseThrow());
      }
    } else if (entry.conditional() && entry.operation() == RestOperationTypeEnum.UPDATE) {
      throw conditionalUpdate();
    } else if (entry.id() != null) {
      requireVisible(entry.resourceType(), entry.id(), request);
    }
  }

  /**
   * An update as it is stored (alone or as an entry), against the version it overwrites, read in
   * its database transaction: that version must be visible to the site (else 404) and, unless it is
   * a referral Task (which both parties update, under the workflow's rules), the site's own.
   */
  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = Stages.CUSTODY)
  public void updated(RequestDetails request, IBaseResource previous, IBaseResource resource) {
    if (!isClinical(resource) || Callers.site(request).isEmpty()) {
      return;
    }
    Resource stored = (Resource) previous;
    if (!visibility.decide(request, stored).shows()) {
      throw PassageError.RESOURCE_NOT_FOUND.exception();
    }
    if (!(resource instanceof Task) && !visibility.isCustodian(request, stored)) {
      throw PassageError.INTERACTION_NOT_ALLOWED.exception("update of a " + resource.fhirType() + " another site recorded");
    }
    AuthorshipFields.keep(stored, (Resource) resource);
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = Stages.REFERENCES)
  public void createdReferences(RequestDetails request, IBaseResource resource) {
    if (isClinical(resource) && Callers.site(request).isPresent()) {
      requireVisibleReferences((Resource) resource, request);
    }
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = Stages.REFERENCES)
  public void updatedReferences(RequestDetails request, IBaseResource previous, IBaseResource resource) {
    if (isClinical(resource) && Callers.site(request).isPresent()) {
      requireVisibleReferences((Resource) resource, request);
    }
  }

  /**
   * Every reference of the resource, at any depth, to client data must be to a resource the site
   * may see, or to one the same transaction writes (the site's own); otherwise 400, the same
   * answer whether the target does not exist or is not shown to the site, so a write can neither
   * test whether an id exists nor attach data to a client the site may not see.
   */
  private void requireVisibleReferences(Resource resource, RequestDetails request) {
    Set<String> written = new HashSet<>();
    TransactionBundles.of(request).ifPresent(bundle -> bundle.getEntry().stream()
        .filter(entry -> entry.hasResource() && entry.getResource().getIdElement().hasIdPart())
        .forEach(entry -> written.add(entry.getResource().fhirType() + "/" + entry.getResource().getIdElement().getIdPart())));
    references(resource.fhirType(), resource, (path, reference) -> {
      IdType target = new IdType(reference.getReference());
      if (target.hasResourceType() && target.hasIdPart() && !target.isAbsolute() && !target.isLocal()
          && isClinicalType(target.getResourceType())
          && !written.contains(target.getResourceType() + "/" + target.getIdPart())
          && !stored(target.getResourceType(), target.getIdPart()).map(s -> visibility.decide(request, s).shows()).orElse(false)) {
        throw PassageError.INVALID_REQUEST.exception("The reference at " + path + " is to a " + target.getResourceType()
            + " that does not exist");
      }
    });
  }

  /** Visits every literal reference in an element and its descendants (not inside a contained resource). */
  private static void references(String path, Base element, BiConsumer<String, Reference> visit) {
    for (Property property : element.children()) {
      for (Base value : property.getValues()) {
        String at = path + "." + property.getName();
        if (value instanceof Reference reference && reference.hasReference()) {
          visit.accept(at, reference);
        }
        if (!(value instanceof Resource) && !value.isPrimitive()) {
          references(at, value, visit);
        }
      }
    }
  }

  /** The stored client resource, if the site may see it; 404 otherwise (also for one that never existed). */
  private void requireVisible(String type, String id, RequestDetails request) {
    if (!isClinicalType(type)) {
      return;
    }
    if (!stored(type, id).map(stored -> visibility.decide(request, stored).shows()).orElse(false)) {
      throw PassageError.RESOURCE_NOT_FOUND.exception();
    }
  }

  private Optional<Resource> stored(String type, String id) {
    try {
      return Optional.of((Resource) daos.getResourceDao(type).read(new IdType(type, id), new SystemRequestDetails()));
    } catch (ResourceNotFoundException | ResourceGoneException absent) {
      return Optional.empty();
    }
  }

  @Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
  public void search(RequestDetails request, ICachedSearchDetails search, SearchParameterMap parameters) {
    visibility.viewerOf(request).ifPresent(viewer -> {
      if (parameters.containsKey("_has")) {
        throw PassageError.INVALID_REQUEST.exception("The _has parameter is not supported");
      }
      if (!isClinicalType(search.getResourceType())) {
        return;
      }
      boolean chained = parameters.values().stream().flatMap(List::stream).flatMap(List::stream)
          .anyMatch(value -> value instanceof ReferenceParam reference && reference.getChain() != null);
      if (chained) {
        throw PassageError.INVALID_REQUEST.exception("Chained search parameters are not supported on clinical resources");
      }
      if (!SEARCHES.contains(request.getRestOperationType())) {
        // The match of a conditional create (alone or in a transaction): only the site's own
        // resources may match, since the answer (created or not, and the id) is shown whatever
        // the client's consent says about the resources of other custodians.
        parameters.add("_tag", new TokenOrListParam().add(CustodyTags.CUSTODIAN, viewer.site()));
        return;
      }
      if ("Task".equals(search.getResourceType()) && (namesOnly(parameters, "owner", viewer.site())
          || namesOnly(parameters, "requester", viewer.site()))) {
        // An inbox or outbox of the site's own Tasks: every match has the site as a party already
        // (owner and requester are parties on every write), so narrowing again would only cost a
        // join. Each Task found is still decided before it is shown.
        return;
      }
      TokenOrListParam visible = new TokenOrListParam().add(CustodyTags.PARTY, viewer.site());
      if (viewer.siteType() != null) {
        visible.add(CustodyTags.OPEN_TO, viewer.siteType());
      }
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

  @Hook(value = Pointcut.STORAGE_PRESHOW_RESOURCES, order = Stages.STRIP)
  public void show(RequestDetails request, IPreResourceShowDetails resources) {
    for (int i = 0; i < resources.size(); i++) {
      CustodyTags.strip(resources.getResource(i));
    }
  }

  /** What a write returns (the resource, a transaction's entries) never shows the gateway's tags either. */
  @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = Stages.STRIP)
  public void respond(IBaseResource response) {
    if (response instanceof Bundle bundle) {
      bundle.getEntry().stream().filter(Bundle.BundleEntryComponent::hasResource)
          .forEach(entry -> CustodyTags.strip(entry.getResource()));
    } else {
      CustodyTags.strip(response);
    }
  }

  /**
   * A conditional update may create the resource when nothing matches, with authorship the site
   * has not been held to; a site updates client data by its id.
   */
  private static PassageException conditionalUpdate() {
    return PassageError.INTERACTION_NOT_ALLOWED.exception("a conditional update of a clinical resource (update it by its id)");
  }

  private static boolean isClinicalType(String type) {
    return ResourceCategory.of(type) == ResourceCategory.CLINICAL;
  }

  private static boolean isClinical(IBaseResource resource) {
    return resource instanceof Resource r && ResourceCategory.of(r.fhirType()) == ResourceCategory.CLINICAL;
  }
}
