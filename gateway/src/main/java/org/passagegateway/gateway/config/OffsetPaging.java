package org.passagegateway.gateway.config;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.interceptor.ForceOffsetSearchModeInterceptor;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;

/**
 * Every REST search is an offset query (HAPI's {@link ForceOffsetSearchModeInterceptor}): one SQL
 * statement with a LIMIT, nothing written to HAPI's search cache, next links that carry
 * {@code _offset}, and each page evaluated anew, with the access rules of the moment, for whoever
 * fetches it. A page link therefore never outlives the access that produced it, and no list of
 * client ids is ever stored for a search.
 *
 * <p>HAPI's interceptor only fills in a missing {@code _count}; this one also holds a larger one
 * to the maximum page size, since an offset query loads {@code _offset + _count} ids.
 */
@Interceptor
final class OffsetPaging {

  private final ForceOffsetSearchModeInterceptor offsets = new ForceOffsetSearchModeInterceptor();
  private final int maxPageSize;

  OffsetPaging(int defaultPageSize, int maxPageSize) {
    offsets.setDefaultCount(defaultPageSize);
    this.maxPageSize = maxPageSize;
  }

  @Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
  public void offsetQuery(SearchParameterMap search, RequestDetails request) {
    offsets.storagePreSearchRegistered(search, request);
    if (!search.isLoadSynchronous() && search.getCount() != null && search.getCount() > maxPageSize) {
      search.setCount(maxPageSize);
    }
  }
}
