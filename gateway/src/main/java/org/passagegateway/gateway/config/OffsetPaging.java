package org.passagegateway.gateway.config;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.interceptor.ForceOffsetSearchModeInterceptor;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.List;
import java.util.regex.Pattern;
import org.passagegateway.gateway.error.PassageError;

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

  private static final List<String> PAGING = List.of(Constants.PARAM_COUNT, Constants.PARAM_OFFSET);
  private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,9}");

  private final ForceOffsetSearchModeInterceptor offsets = new ForceOffsetSearchModeInterceptor();
  private final int maxPageSize;

  OffsetPaging(int defaultPageSize, int maxPageSize) {
    offsets.setDefaultCount(defaultPageSize);
    this.maxPageSize = maxPageSize;
  }

  /**
   * {@code _count} and {@code _offset} are whole numbers from 0 (HAPI answers a negative or
   * non-numeric one with a 500): anything else is a 400 naming the parameter, never its value.
   */
  @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
  public boolean pagingValues(RequestDetails request) {
    for (String parameter : PAGING) {
      String[] values = request.getParameters() == null ? null : request.getParameters().get(parameter);
      if (values == null) {
        continue;
      }
      for (String value : values) {
        if (value == null || !WHOLE_NUMBER.matcher(value).matches()) {
          throw PassageError.INVALID_REQUEST.exception(parameter + " must be a whole number from 0 to 999999999");
        }
      }
    }
    return true;
  }

  @Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
  public void offsetQuery(SearchParameterMap search, RequestDetails request) {
    offsets.storagePreSearchRegistered(search, request);
    if (!search.isLoadSynchronous() && search.getCount() != null && search.getCount() > maxPageSize) {
      search.setCount(maxPageSize);
    }
  }
}
