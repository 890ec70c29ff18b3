package org.passagegateway.gateway.referral;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.util.ICachedSearchDetails;
import java.util.List;

/**
 * Gives a Task status search without a code system the system every Task status has
 * ({@code status=requested} becomes {@code status=http://hl7.org/fhir/task-status|requested}).
 * The two match exactly the same Tasks, since Task.status is bound to that one code system; but
 * only the second can be answered from the owner-and-status index (the Task-owner-status combo
 * search parameter), whose entries carry the system. Without this, an inbox search by code alone
 * would find nothing once that index exists.
 */
@Interceptor
final class TaskStatusSearches {

  static final String TASK_STATUS_SYSTEM = "http://hl7.org/fhir/task-status";

  @Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
  public void qualifyStatus(ICachedSearchDetails search, SearchParameterMap parameters) {
    if (!"Task".equals(search.getResourceType())) {
      return;
    }
    List<List<IQueryParameterType>> status = parameters.get("status");
    if (status == null) {
      return;
    }
    for (List<IQueryParameterType> alternatives : status) {
      for (IQueryParameterType value : alternatives) {
        if (value instanceof TokenParam token && token.getSystem() == null && token.getModifier() == null
            && token.getValue() != null) {
          token.setSystem(TASK_STATUS_SYSTEM);
        }
      }
    }
  }
}
