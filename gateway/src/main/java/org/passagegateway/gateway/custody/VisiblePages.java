package org.passagegateway.gateway.custody;

import ca.uhn.fhir.interceptor.api.HookParams;
import ca.uhn.fhir.interceptor.api.IInterceptorBroadcaster;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.IResultIterator;
import ca.uhn.fhir.jpa.dao.ISearchBuilder;
import ca.uhn.fhir.jpa.dao.tx.HapiTransactionService;
import ca.uhn.fhir.jpa.interceptor.JpaPreResourceAccessDetails;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.jpa.model.search.SearchRuntimeDetails;
import ca.uhn.fhir.jpa.search.SynchronousSearchSvcImpl;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.IPreResourceAccessDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.util.CompositeInterceptorBroadcaster;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 * for a site's search, the matches are read in order, a window at a time, each decided as it would
 * be shown, until the visible results before and on the page are known; the page is then fetched
 * as HAPI fetches any page (its includes, what is shown, the audit), by those results' ids. A page
 * deep in a long result costs a read of every match before it: the price of not storing a list of
 * a site's results anywhere (see {@code OffsetPaging}).
 */
final class VisiblePages extends SynchronousSearchSvcImpl {

  /** Matches read per window while looking for the visible ones. */
  private static final int WINDOW = 100;

  @Autowired private HapiTransactionService transactions;
  @Autowired private IInterceptorBroadcaster broadcaster;
  @Autowired private DaoRegistry daos;

  private final boolean byConsent;

  /** @param byConsent whether the client's consent decides (otherwise the database narrowing is all there is) */
  VisiblePages(boolean byConsent) {
    this.byConsent = byConsent;
  }

  @Override
  @SuppressWarnings({"rawtypes"})
  public IBundleProvider executeQuery(SearchParameterMap params, RequestDetails request, String searchUuid,
      ISearchBuilder builder, Integer loadUpTo, RequestPartitionId partition) {
    if (!concernsSite(params, request)) {
      return super.executeQuery(params, request, searchUuid, builder, loadUpTo, partition);
    }
    int offset = params.getOffset() == null ? 0 : params.getOffset();
    int count = params.getCount();
    List<String> visible = visibleIds(params, request, searchUuid, partition, offset + count + 1);
    List<String> page = visible.subList(Math.min(offset, visible.size()), Math.min(offset + count, visible.size()));
    SimpleBundleProvider result;
    if (page.isEmpty()) {
      result = new SimpleBundleProvider(new ArrayList<>());
    } else {
      SearchParameterMap exact = params.clone();
      TokenOrListParam ids = new TokenOrListParam();
      page.forEach(id -> ids.add(null, id));
      exact.add("_id", ids);
      exact.setOffset(0);
      exact.setCount(page.size());
      result = (SimpleBundleProvider) super.executeQuery(exact, request, searchUuid, builder, null, partition);
    }
    result.setCurrentPageOffset(offset);
    result.setCurrentPageSize(count);
    result.setSize(null);
    // HAPI offers a next page when more matches were found than the page holds.
    result.setTotalResourcesRequestedReturned(Math.max(0, visible.size() - offset));
    return result;
  }

  /** Whether this is a site's search of client data, paged by offset, with consent deciding. */
  private boolean concernsSite(SearchParameterMap params, RequestDetails request) {
    return byConsent && request != null && request.getRestOperationType() == RestOperationTypeEnum.SEARCH_TYPE
        && params.isOffsetQuery() && params.getCount() != null
        && ResourceCategory.of(request.getResourceName()) == ResourceCategory.CLINICAL
        && Callers.site(request).isPresent();
  }

  /** The ids of the first {@code wanted} matches the site may see, in the search's order. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private List<String> visibleIds(SearchParameterMap params, RequestDetails request, String searchUuid,
      RequestPartitionId partition, int wanted) {
    String type = request.getResourceName();
    List<String> visible = new ArrayList<>();
    int from = 0;
    while (visible.size() < wanted) {
      SearchParameterMap window = params.clone();
      window.setIncludes(new HashSet<>());
      window.setRevIncludes(new HashSet<>());
      window.setOffset(from);
      window.setCount(WINDOW);
      ISearchBuilder builder = mySearchBuilderFactory.newSearchBuilder(type, daos.getResourceDao(type).getResourceType());
      int read = transactions.withRequest(request).withRequestPartitionId(partition).readOnly().execute(() -> {
        List<JpaPid> pids = new ArrayList<>();
        try (IResultIterator<JpaPid> found = builder.createQuery(window, new SearchRuntimeDetails(request, searchUuid),
            request, partition)) {
          while (found.hasNext() && pids.size() < WINDOW) {
            pids.add(found.next());
          }
        } catch (IOException e) {
          throw new InternalErrorException(e);
        }
        JpaPreResourceAccessDetails access = new JpaPreResourceAccessDetails(pids, () -> builder);
        HookParams hook = new HookParams().add(IPreResourceAccessDetails.class, access).add(RequestDetails.class, request)
            .addIfMatchesType(ca.uhn.fhir.rest.server.servlet.ServletRequestDetails.class, request);
        CompositeInterceptorBroadcaster.newCompositeBroadcaster(broadcaster, request)
            .callHooks(Pointcut.STORAGE_PREACCESS_RESOURCES, hook);
        for (int i = 0; i < pids.size(); i++) {
          if (!access.isDontReturnResourceAtIndex(i)) {
            visible.add(access.getResource(i).getIdElement().getIdPart());
          }
        }
        return pids.size();
      });
      if (read < WINDOW) {
        break;
      }
      from += WINDOW;
    }
    return visible.size() > wanted ? visible.subList(0, wanted) : visible;
  }
}
