package org.passagegateway.gateway.custody;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.HookParams;
import ca.uhn.fhir.interceptor.api.IInterceptorBroadcaster;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.IResultIterator;
import ca.uhn.fhir.jpa.dao.ISearchBuilder;
import ca.uhn.fhir.jpa.dao.tx.HapiTransactionService;
import ca.uhn.fhir.jpa.interceptor.JpaPreResourceAccessDetails;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.jpa.model.search.SearchRuntimeDetails;
import ca.uhn.fhir.jpa.search.SynchronousSearchSvcImpl;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.IPreResourceAccessDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.rest.server.util.CompositeInterceptorBroadcaster;
import ca.uhn.fhir.rest.server.interceptor.ServerInterceptorUtil;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.passagegateway.gateway.security.Callers;
import org.passagegateway.gateway.security.ResourceCategory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Pages that add up: a site's search of client data is narrowed to what {@link Visibility} lets it
 * see before it is paged, so every page is full while visible results remain, its {@code next}
 * link exists exactly when they do, and following the links yields every visible result once. No
 * page's size, position or links depend on what is hidden: {@code _offset} counts visible results.
 *
 * <p>HAPI pages an offset search in the database and then drops what the caller may not see. Here,
 * for a site's search, the matches are read in order and each is decided as it would be shown
 * until the visible results before and on the page, and one after it, are known (for a first
 * page whose matches are all visible, that is one read of one more match than HAPI reads); the
 * page is then completed from those very resources as HAPI completes any page: its includes, what
 * is shown, the audit. A page deep in a long result costs a read of every match before it: the
 * price of storing no list of a site's results anywhere (see {@code OffsetPaging}).
 */
final class VisiblePages extends SynchronousSearchSvcImpl {

  /** Matches read per window after the first, while looking for more visible ones. */
  private static final int WINDOW = 100;

  @Autowired private HapiTransactionService transactions;
  @Autowired private IInterceptorBroadcaster broadcaster;
  @Autowired private DaoRegistry daos;
  @Autowired private EntityManager entityManager;
  @Autowired private FhirContext fhirContext;
  @Autowired private JpaStorageSettings storageSettings;

  private final boolean byConsent;

  /** @param byConsent whether the client's consent decides (otherwise the database narrowing is all there is) */
  VisiblePages(boolean byConsent) {
    this.byConsent = byConsent;
  }

  /** The visible matches found so far, with the search builder that read them. */
  private record Visible(List<JpaPid> pids, List<IBaseResource> resources) {}

  @Override
  @SuppressWarnings({"rawtypes"})
  public IBundleProvider executeQuery(SearchParameterMap params, RequestDetails request, String searchUuid,
      ISearchBuilder builder, Integer loadUpTo, RequestPartitionId partition) {
    if (!concernsSite(params, request)) {
      return super.executeQuery(params, request, searchUuid, builder, loadUpTo, partition);
    }
    int offset = params.getOffset() == null ? 0 : params.getOffset();
    int count = params.getCount();
    return transactions.withRequest(request).withRequestPartitionId(partition).readOnly().execute(() -> {
      ISearchBuilder reader = newBuilder(request);
      Visible visible = visible(params, request, searchUuid, partition, reader, offset + count + 1);
      int from = Math.min(offset, visible.pids().size());
      int to = Math.min(offset + count, visible.pids().size());
      List<IBaseResource> page = page(params, request, reader, visible.pids().subList(from, to),
          visible.resources().subList(from, to));
      SimpleBundleProvider result = new SimpleBundleProvider(page);
      result.setCurrentPageOffset(offset);
      result.setCurrentPageSize(count);
      result.setSize(null);
      // HAPI offers a next page when more results were found than the page holds.
      result.setTotalResourcesRequestedReturned(Math.max(0, visible.pids().size() - offset));
      return result;
    });
  }

  /** Whether this is a site's search of client data, paged by offset, with consent deciding. */
  private boolean concernsSite(SearchParameterMap params, RequestDetails request) {
    return byConsent && request != null && request.getRestOperationType() == RestOperationTypeEnum.SEARCH_TYPE
        && params.isOffsetQuery() && params.getCount() != null && params.getEverythingMode() == null
        && ResourceCategory.of(request.getResourceName()) == ResourceCategory.CLINICAL
        && Callers.site(request).isPresent();
  }

  /** The first {@code wanted} matches the site may see, in the search's order, each decided as it would be shown. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private Visible visible(SearchParameterMap params, RequestDetails request, String searchUuid,
      RequestPartitionId partition, ISearchBuilder reader, int wanted) {
    List<JpaPid> pids = new ArrayList<>();
    List<IBaseResource> resources = new ArrayList<>();
    int from = 0;
    int window = wanted;
    while (pids.size() < wanted) {
      SearchParameterMap slice = params.clone();
      slice.setIncludes(new HashSet<>());
      slice.setRevIncludes(new HashSet<>());
      slice.setOffset(from);
      slice.setCount(window);
      slice.setLoadSynchronousUpTo(window);
      ISearchBuilder query = newBuilder(request);
      query.setMaxResultsToFetch(window);
      List<JpaPid> read = new ArrayList<>();
      try (IResultIterator<JpaPid> found = query.createQuery(slice,
          new SearchRuntimeDetails(request, searchUuid), request, partition)) {
        while (found.hasNext() && read.size() < window) {
          read.add(found.next());
        }
      } catch (IOException e) {
        throw new InternalErrorException(e);
      }
      JpaPreResourceAccessDetails access = new JpaPreResourceAccessDetails(read, () -> reader);
      CompositeInterceptorBroadcaster.newCompositeBroadcaster(broadcaster, request).callHooks(
          Pointcut.STORAGE_PREACCESS_RESOURCES, new HookParams().add(IPreResourceAccessDetails.class, access)
              .add(RequestDetails.class, request).addIfMatchesType(ServletRequestDetails.class, request));
      for (int i = 0; i < read.size() && pids.size() < wanted; i++) {
        if (!access.isDontReturnResourceAtIndex(i)) {
          pids.add(read.get(i));
          resources.add(access.getResource(i));
        }
      }
      if (read.size() < window) {
        break;
      }
      from += window;
      window = WINDOW;
    }
    return new Visible(pids, resources);
  }

  /** The page: its visible matches, then what it includes, all as they are to be shown. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private List<IBaseResource> page(SearchParameterMap params, RequestDetails request, ISearchBuilder reader,
      List<JpaPid> matches, List<IBaseResource> matched) {
    List<JpaPid> pids = new ArrayList<>(matches);
    List<JpaPid> included = new ArrayList<>();
    Integer maxIncludes = storageSettings.getMaximumIncludesToLoadPerPage();
    LoadedResources decided = LoadedResources.collect(request);
    try {
      if (!pids.isEmpty()) {
        Set<JpaPid> revIncluded = reader.loadIncludes(fhirContext, entityManager, pids, params.getRevIncludes(), true,
            params.getLastUpdated(), "(synchronous)", request, maxIncludes);
        if (maxIncludes != null) {
          maxIncludes -= revIncluded.size();
        }
        pids.addAll(revIncluded);
        included.addAll(revIncluded);
        if (maxIncludes == null || maxIncludes > 0) {
          Set<JpaPid> forward = reader.loadIncludes(fhirContext, entityManager, pids, params.getIncludes(), false,
              params.getLastUpdated(), "(synchronous)", request, maxIncludes);
          forward.removeAll(included);
          included.addAll(forward);
        }
      }
    } finally {
      decided.close(request);
    }
    List<IBaseResource> resources = new ArrayList<>(matched);
    // What the decisions on the includes loaded is shown as it was decided on; anything they did
    // not load (no decision needed it) is loaded now. HAPI fills the list it is given by position:
    // the includes go to a list of their own.
    List<JpaPid> unloaded = included.stream().filter(pid -> decided.get(pid) == null).toList();
    List<IBaseResource> loadedNow = new ArrayList<>();
    if (!unloaded.isEmpty()) {
      reader.loadResourcesByPid(unloaded, unloaded, loadedNow, false, request);
    }
    int next = 0;
    for (JpaPid pid : included) {
      IBaseResource kept = decided.get(pid);
      if (kept != null) {
        // Loaded for the decision as a match would be; it is shown as what it is, an include.
        ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(kept, BundleEntrySearchModeEnum.INCLUDE);
        resources.add(kept);
      } else {
        // A resource deleted meanwhile is left out, as HAPI leaves it out.
        IBaseResource loaded = next < loadedNow.size() ? loadedNow.get(next) : null;
        next++;
        if (loaded != null) {
          resources.add(loaded);
        }
      }
    }
    return ServerInterceptorUtil.fireStoragePreshowResource(resources, request, broadcaster);
  }

  @SuppressWarnings("rawtypes")
  private ISearchBuilder newBuilder(RequestDetails request) {
    String type = request.getResourceName();
    return mySearchBuilderFactory.newSearchBuilder(type, daos.getResourceDao(type).getResourceType());
  }
}
