package org.passagegateway.gateway.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The REST surface a fuzzing run covers: every operation of the gateway's own OpenAPI description
 * of {@code /fhir} (its paths, methods, query parameters and whether a body is taken), plus the
 * gateway's endpoints outside FHIR, which the description does not cover.
 */
final class ApiSurface {

  /**
   * One operation.
   *
   * @param method HTTP method
   * @param path the path template from the server's root, {@code {id}}-style parameters in it
   * @param queryParameters the query parameters it declares
   * @param body whether it takes a body
   * @param resourceType the resource type it is about, or null
   */
  record Operation(String method, String path, List<String> queryParameters, boolean body, String resourceType) {

    String name() {
      return method + " " + path;
    }
  }

  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete", "head");

  /** The gateway's own endpoints outside {@code /fhir}. */
  private static final List<Operation> OUTSIDE_FHIR = List.of(
      new Operation("POST", "/auth/token", List.of(), true, null),
      new Operation("GET", "/auth/jwks", List.of(), false, null),
      new Operation("GET", "/.well-known/smart-configuration", List.of(), false, null),
      new Operation("GET", "/fhir/.well-known/smart-configuration", List.of(), false, null),
      new Operation("GET", "/admin/clients/{id}", List.of(), false, null),
      new Operation("PUT", "/admin/clients/{id}", List.of(), true, null),
      new Operation("PUT", "/admin/clients/{id}/jwks", List.of(), true, null),
      new Operation("POST", "/admin/clients/{id}/$disable", List.of(), false, null),
      new Operation("GET", "/audit/export", List.of("since", "until"), false, null),
      new Operation("GET", "/packages/{id}", List.of(), false, null),
      new Operation("GET", "/packages/{id}/{version_id}", List.of(), false, null),
      new Operation("GET", "/actuator", List.of(), false, null),
      new Operation("GET", "/actuator/health", List.of(), false, null),
      new Operation("GET", "/actuator/info", List.of(), false, null),
      new Operation("GET", "/{id}", List.of(), false, null));

  private final List<Operation> operations;

  private ApiSurface(List<Operation> operations) {
    this.operations = List.copyOf(operations);
  }

  List<Operation> operations() {
    return operations;
  }

  /** Reads the OpenAPI description the gateway serves at {@code /fhir/api-docs} (HAPI serves it in YAML). */
  static ApiSurface of(String openApiYaml) throws IOException {
    JsonNode description = new ObjectMapper(new YAMLFactory()).readTree(openApiYaml);
    List<Operation> operations = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = description.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      String template = "/fhir" + (path.getKey().startsWith("/") ? path.getKey() : "/" + path.getKey());
      String resourceType = resourceType(path.getKey());
      for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
        Map.Entry<String, JsonNode> method = methods.next();
        if (!METHODS.contains(method.getKey())) {
          continue;
        }
        List<String> query = new ArrayList<>();
        for (JsonNode parameter : method.getValue().path("parameters")) {
          if ("query".equals(parameter.path("in").asText())) {
            query.add(parameter.path("name").asText());
          }
        }
        operations.add(new Operation(method.getKey().toUpperCase(), template, query,
            method.getValue().has("requestBody"), resourceType));
      }
    }
    if (operations.isEmpty()) {
      throw new IOException("the OpenAPI description names no operation");
    }
    operations.addAll(OUTSIDE_FHIR);
    return new ApiSurface(operations);
  }

  private static String resourceType(String path) {
    String first = path.replaceFirst("^/", "").split("/", 2)[0];
    return !first.isEmpty() && Character.isUpperCase(first.charAt(0)) ? first : null;
  }
}
