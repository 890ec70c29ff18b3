package org.passagegateway.gateway.config;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * What a FHIR request asks to write, before anything is stored: the request itself, or each
 * write entry of its transaction or batch Bundle, in one shape, so that a check made before
 * storage is written once for both. (A GET entry is a request of its own to HAPI, which passes
 * every stage as one; what is stored passes HAPI's storage pointcuts, single or entry alike.)
 */
public final class RequestEntries {

  /**
   * One write asked for.
   *
   * @param operation CREATE, UPDATE, PATCH or DELETE
   * @param resourceType the type written
   * @param id the id addressed, or null (a create, or a conditional write)
   * @param conditional whether it is addressed by a search ({@code Type?params})
   * @param resource the body, if any
   */
  public record Entry(RestOperationTypeEnum operation, String resourceType, String id, boolean conditional, Resource resource) {}

  private RequestEntries() {}

  public static List<Entry> of(RequestDetails request, RestOperationTypeEnum operation) {
    if (operation == RestOperationTypeEnum.TRANSACTION) {
      List<Entry> entries = new ArrayList<>();
      if (request.getResource() instanceof Bundle bundle) {
        bundle.getEntry().forEach(entry -> entry(entry).ifPresent(entries::add));
      }
      return entries;
    }
    if (operation != RestOperationTypeEnum.CREATE && operation != RestOperationTypeEnum.UPDATE
        && operation != RestOperationTypeEnum.PATCH && operation != RestOperationTypeEnum.DELETE) {
      return List.of();
    }
    String id = request.getId() != null && request.getId().hasIdPart() ? request.getId().getIdPart() : null;
    boolean conditional = id == null && operation != RestOperationTypeEnum.CREATE;
    Resource body = request.getResource() instanceof Resource resource ? resource : null;
    return List.of(new Entry(operation, request.getResourceName(), id, conditional, body));
  }

  private static java.util.Optional<Entry> entry(Bundle.BundleEntryComponent entry) {
    Bundle.HTTPVerb verb = entry.getRequest().getMethod();
    RestOperationTypeEnum operation = verb == null ? null : switch (verb) {
      case POST -> RestOperationTypeEnum.CREATE;
      case PUT -> RestOperationTypeEnum.UPDATE;
      case PATCH -> RestOperationTypeEnum.PATCH;
      case DELETE -> RestOperationTypeEnum.DELETE;
      default -> null;
    };
    if (operation == null) {
      return java.util.Optional.empty();
    }
    String url = entry.getRequest().getUrl() == null ? "" : entry.getRequest().getUrl();
    int query = url.indexOf('?');
    String path = query < 0 ? url : url.substring(0, query);
    IdType target = new IdType(path);
    String type = target.hasResourceType() ? target.getResourceType() : path;
    if (operation == RestOperationTypeEnum.CREATE && entry.getResource() != null) {
      type = entry.getResource().fhirType();
    }
    String id = operation != RestOperationTypeEnum.CREATE && query < 0 && target.hasIdPart() ? target.getIdPart() : null;
    return java.util.Optional.of(new Entry(operation, type, id, query >= 0 && operation != RestOperationTypeEnum.CREATE,
        entry.getResource()));
  }
}
