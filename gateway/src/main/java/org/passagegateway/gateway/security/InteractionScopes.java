package org.passagegateway.gateway.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.passagegateway.gateway.config.RequestEntries;
import org.passagegateway.gateway.config.Stages;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.passagegateway.gateway.error.PassageError;

/**
 * The SMART v2 permission each interaction needs, which HAPI's authorization rules cannot tell
 * apart: {@code r} for read, vread and an instance's history; {@code s} for search; {@code c},
 * {@code u} and {@code d} for each resource actually created, updated or deleted, whether by a
 * single request, a transaction or batch entry, a conditional write or a PATCH. History of a whole
 * type or of the server is not offered (a site follows changes with {@code _lastUpdated}).
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#scopes-for-requesting-fhir-resources">SMART v2 scopes</a>
 */
@Interceptor
final class InteractionScopes {

  @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = Stages.SCOPE)
  public void incoming(RequestDetails request, RestOperationTypeEnum operation) {
    Caller caller = Callers.of(request).orElse(null);
    if (caller == null) {
      return;
    }
    switch (operation) {
      case READ, VREAD, HISTORY_INSTANCE -> require(caller, request.getResourceName(), 'r', request);
      case SEARCH_TYPE -> require(caller, request.getResourceName(), 's', request);
      case HISTORY_TYPE, HISTORY_SYSTEM, SEARCH_SYSTEM ->
          throw PassageError.INTERACTION_NOT_ALLOWED.exception(FhirAuthorization.describe(request));
      case TRANSACTION -> RequestEntries.of(request, operation).forEach(entry -> entry(caller, entry));
      default -> {
        // Writes are checked per resource, below; operations by FhirAuthorization's rules.
      }
    }
  }

  /**
   * A write entry of a transaction or batch is refused before anything is stored when the caller
   * may not make it at all (each resource stored is checked again below, as for a single write).
   * Read entries are checked as the requests HAPI makes of them.
   */
  private static void entry(Caller caller, RequestEntries.Entry entry) {
    char permission = switch (entry.operation()) {
      case CREATE -> 'c';
      case DELETE -> 'd';
      default -> 'u';
    };
    String type = entry.resourceType();
    if (type == null || type.isEmpty() || !RolePermissions.allows(caller, type, permission)) {
      throw PassageError.INTERACTION_NOT_ALLOWED.exception(entry.operation().getCode()
          + " entry on " + (type == null || type.isEmpty() ? "an unknown type" : type));
    }
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = Stages.SCOPE)
  public void created(RequestDetails request, IBaseResource resource) {
    requireForResource(request, resource, 'c', "create");
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = Stages.SCOPE)
  public void updated(RequestDetails request, IBaseResource previous, IBaseResource resource) {
    requireForResource(request, resource, 'u', "update");
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED, order = Stages.SCOPE)
  public void deleted(RequestDetails request, IBaseResource resource) {
    requireForResource(request, resource, 'd', "delete");
  }

  private static void requireForResource(RequestDetails request, IBaseResource resource, char permission, String verb) {
    Callers.of(request).ifPresent(caller -> {
      String type = request.getFhirContext().getResourceType(resource);
      if (!RolePermissions.allows(caller, type, permission)) {
        throw PassageError.INTERACTION_NOT_ALLOWED.exception(verb + " on " + type);
      }
    });
  }

  private static void require(Caller caller, String type, char permission, RequestDetails request) {
    if (type != null && !RolePermissions.allows(caller, type, permission)) {
      throw PassageError.INTERACTION_NOT_ALLOWED.exception(FhirAuthorization.describe(request));
    }
  }
}
