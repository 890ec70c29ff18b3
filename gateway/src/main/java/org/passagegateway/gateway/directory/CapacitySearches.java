package org.passagegateway.gateway.directory;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.util.ICachedSearchDetails;
import java.time.Clock;
import java.util.Date;
import java.util.List;

/**
 * Searches by capacity status answer what is current: {@code capacity-status=capacity} (or any
 * status a site publishes) finds only services whose status has not outlived its refresh interval,
 * and {@code capacity-status=stale} finds those whose status has (the bound is the time of the search,
 * so no earlier search's results are reused for it).
 */
@Interceptor
final class CapacitySearches {

  static final String STATUS = "capacity-status";
  static final String FRESH_UNTIL = "capacity-fresh-until";

  private final Clock clock;

  CapacitySearches(Clock clock) {
    this.clock = clock;
  }

  @Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
  public void current(ICachedSearchDetails search, SearchParameterMap parameters) {
    if (!"HealthcareService".equals(search.getResourceType()) || parameters.get(STATUS) == null) {
      return;
    }
    List<List<IQueryParameterType>> statuses = parameters.get(STATUS);
    boolean stale = statuses.stream().flatMap(List::stream)
        .anyMatch(value -> value instanceof TokenParam token && Capacity.STALE.equals(token.getValue()));
    Date now = Date.from(clock.instant());
    if (stale) {
      parameters.remove(STATUS);
      parameters.add(FRESH_UNTIL, new DateParam(ParamPrefixEnum.LESSTHAN_OR_EQUALS, now));
    } else {
      parameters.add(FRESH_UNTIL, new DateParam(ParamPrefixEnum.GREATERTHAN, now));
    }
  }
}
