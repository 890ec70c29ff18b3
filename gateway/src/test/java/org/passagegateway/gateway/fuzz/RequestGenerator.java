package org.passagegateway.gateway.fuzz;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.passagegateway.testdata.ReferralTransactions;

/**
 * Makes the requests of a fuzzing run from the API surface: for each, an operation, a caller, path
 * and query values (valid ones, the demo network's ids, and hostile ones), headers and a body
 * mutated from a valid resource. Request {@code n} of seed {@code s} is always the same request.
 * Every value the fuzzer invents carries a canary ({@code zq} and six digits), so that an error
 * answer that repeats it is caught.
 */
final class RequestGenerator {

  /** Who sends a request: demo clients by id, or nobody, or a forged token. */
  static final List<String> ROLES = List.of("demo-site-hr-1", "demo-site-anc-1", "demo-site-shelter-1", "demo-auditor",
      "demo-admin", "anonymous", "forged");

  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> KNOWN_IDS = List.of("task-anc-1", "sr-anc-1", "client-1", "client-2", "hr-1", "anc-1",
      "shelter-1", "demo-site-hr-1", "demo-admin", "passage.fhir", "1", "0");
  private static final List<String> HOSTILE = List.of("%c", "Nakamura%c", "'%c'", "\"%c\"", "%c' OR '1'='1", "../../%c",
      "%c\u0000", "<script>%c</script>", "${%c}", "%c|%c", "%c\\", "Ærøskøbing-%c", "%c\u202Eevil", "%c\uD83D\uDE00",
      "%c;drop table hfj_resource", "Patient/%c", "http://evil.example/%c", "urn:uuid:%c", "#%c", "[%c]", "{%c}", "$%c",
      "%c,%c", "%c%", "%c%zz", "%c+%c", "%c*", "hiv-positive-%c", "%c:%c", "%c/_history/%c", "%c\t%c",
      "x".repeat(3000) + "%c");
  private static final List<String> NUMBERS = List.of("-1", "-5", "0", "1", "20", "2147483648", "99999999999999999999",
      "1e309", "NaN", "0x10", "1.5", "");
  private static final List<String> GLOBAL_PARAMETERS = List.of("_count", "_offset", "_include", "_revinclude", "_sort",
      "_summary", "_elements", "_format", "_pretty", "_total", "_id", "_lastUpdated", "_has:Task:focus:status", "_tag",
      "_security", "_profile", "_content", "_text", "_filter", "_query", "_list", "_contained", "page", "_getpages",
      "_pageId", "_since", "_at", "_type", "_outputFormat");
  private static final List<String> ACCEPT = List.of("application/fhir+json", "application/fhir+xml", "application/json",
      "application/xml", "text/html", "*/*", "text/plain", "application/fhir+json;fhirVersion=3.0",
      "application/fhir+turtle", "zq/%c");
  private static final List<String> CONTENT_TYPES = List.of("application/fhir+json", "application/fhir+json",
      "application/json", "application/fhir+xml", "application/json-patch+json", "application/x-www-form-urlencoded",
      "text/plain", "multipart/form-data; boundary=%c", "application/fhir+json; charset=latin1", "zq/%c");
  private static final List<String> PREFER = List.of("return=OperationOutcome", "return=representation", "return=minimal",
      "handling=strict", "handling=lenient", "respond-async", "return=%c");

  private final long seed;
  private final ApiSurface surface;
  private final List<String> pseudonyms;

  /**
   * @param pseudonyms network pseudonyms the gateway issued, for the clients of the bodies (so
   *     that a mutated referral reaches the rules beyond the pseudonym check)
   */
  RequestGenerator(long seed, ApiSurface surface, List<String> pseudonyms) {
    this.seed = seed;
    this.surface = surface;
    this.pseudonyms = List.copyOf(pseudonyms);
  }

  /** Request {@code number} of this run, sent as {@code role} (or a role of the generator's choosing when null). */
  FuzzRequest request(int number) {
    Draw draw = new Draw(new SplittableRandom(seed * 1_000_003L + number));
    ApiSurface.Operation operation = draw.pick(surface.operations());
    String role = draw.pick(ROLES);
    String method = draw.chance(4) ? draw.pick(List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD",
        "TRACE", "PROPFIND", "ZQ")) : operation.method();
    StringBuilder target = new StringBuilder(path(draw, operation.path()));
    List<String> query = query(draw, operation);
    if (!query.isEmpty()) {
      target.append('?').append(String.join("&", query));
    }
    List<String[]> headers = new ArrayList<>();
    if (role.equals("forged")) {
      headers.add(new String[] {"Authorization", "Bearer " + draw.pick(List.of("%c", "eyJhbGciOiJub25lIn0.eyJzdWIiOiIlYyJ9.",
          "eyJhbGciOiJFUzI1NiIsImtpZCI6IiVjIn0.e30.AAAA")).replace("%c", draw.canary())});
    }
    if (draw.chance(60)) {
      headers.add(new String[] {"Accept", draw.fill(draw.pick(ACCEPT))});
    }
    if (draw.chance(10)) {
      headers.add(new String[] {draw.pick(List.of("If-Match", "If-None-Match")),
          draw.pick(List.of("W/\"1\"", "W/\"999\"", "\"1\"", "*", draw.hostile(), "W/\"" + draw.hostile() + "\""))});
    }
    if (draw.chance(8)) {
      headers.add(new String[] {"If-None-Exist", draw.pick(List.of("identifier=" + draw.hostile(), draw.hostile(),
          "_id=client-1"))});
    }
    if (draw.chance(10)) {
      headers.add(new String[] {"Prefer", draw.fill(draw.pick(PREFER))});
    }
    if (draw.chance(3)) {
      headers.add(new String[] {"X-Forwarded-Host", draw.hostile()});
    }
    byte[] body = null;
    if (operation.body() || draw.chance(5)) {
      Body made = body(draw, operation);
      body = made.bytes();
      headers.add(new String[] {"Content-Type", draw.chance(85) ? made.contentType() : draw.fill(draw.pick(CONTENT_TYPES))});
    }
    return new FuzzRequest(number, role, operation.name(), method, target.toString(), headers, body, draw.canaries);
  }

  private String path(Draw draw, String template) {
    StringBuilder path = new StringBuilder();
    for (String segment : template.split("/", -1)) {
      if (!path.isEmpty() || !segment.isEmpty()) {
        path.append('/');
      }
      if (segment.startsWith("{") && segment.endsWith("}")) {
        boolean version = segment.contains("version");
        String value = draw.chance(35) ? (version ? draw.pick(NUMBERS) : draw.pick(KNOWN_IDS)) : draw.hostile();
        path.append(draw.chance(80) ? encode(value) : draw.raw(value));
      } else {
        path.append(segment);
      }
    }
    String result = path.toString();
    if (result.isEmpty()) {
      result = "/";
    }
    return draw.chance(3) ? result + draw.pick(List.of("/", "//", "/..", "/%2e%2e/admin", ";jsessionid=" + draw.canary(),
        "/_history", "/$" + draw.canary())) : result;
  }

  private List<String> query(Draw draw, ApiSurface.Operation operation) {
    List<String> query = new ArrayList<>();
    int count = draw.chance(30) ? 0 : 1 + draw.below(4);
    for (int i = 0; i < count; i++) {
      String name;
      int kind = draw.below(10);
      if (kind < 6 && !operation.queryParameters().isEmpty()) {
        name = draw.pick(operation.queryParameters());
      } else if (kind < 9) {
        name = draw.pick(GLOBAL_PARAMETERS);
      } else {
        name = draw.hostile();
      }
      if (draw.chance(15)) {
        name = name + draw.pick(List.of(":missing", ":exact", ":not", ":contains", ":text", ":above", ":below",
            ":identifier", ":Patient", ":" + draw.canary(), ".name", ".owner.name", "._id"));
      }
      String value = value(draw, name);
      query.add((draw.chance(90) ? encode(name) : draw.raw(name)) + (draw.chance(3) ? "" : "="
          + (draw.chance(80) ? encode(value) : draw.raw(value))));
    }
    return query;
  }

  private static String value(Draw draw, String name) {
    if (draw.chance(40)) {
      return draw.hostile();
    }
    String base = name.replaceFirst("[:.].*", "");
    if (base.equals("_count") || base.equals("_offset") || base.equals("_getpagesoffset")) {
      return draw.pick(NUMBERS);
    }
    if (base.contains("date") || base.contains("authored") || base.equals("_lastUpdated") || base.contains("period")
        || base.equals("_since") || base.equals("_at") || base.contains("modified") || base.equals("since")
        || base.equals("until")) {
      return draw.pick(List.of("2024-01-01", "ge2024-01-01", "lt2030", "2024-13-45", "ge", "eq2024-01-01T00:00:00Z",
          "sa" + draw.canary(), "2024-02-30", "99999-01-01", Instant.now().toString()));
    }
    if (base.equals("_include") || base.equals("_revinclude")) {
      return draw.pick(List.of("Task:focus", "*", "Task:owner:Organization", "ServiceRequest:subject", "Task:" + draw.canary(),
          "Consent:patient"));
    }
    if (base.equals("_summary")) {
      return draw.pick(List.of("count", "true", "text", "data", "false"));
    }
    if (base.equals("_sort")) {
      return draw.pick(List.of("-authored-on", "_id", "-_lastUpdated", "status", "-" + draw.canary()));
    }
    if (base.equals("_elements")) {
      return draw.pick(List.of("id,status", "meta", "*", "text"));
    }
    if (base.equals("_format")) {
      return draw.pick(List.of("json", "xml", "html", "application/fhir+json", "turtle"));
    }
    if (base.equals("_total")) {
      return draw.pick(List.of("accurate", "none", "estimate"));
    }
    return draw.pick(List.of("Organization/hr-1", "Organization/anc-1", "Patient/client-1", "ServiceRequest/sr-anc-1",
        "requested", "active", "https://passage-gateway.org/fhir/CodeSystem/passage-site-type|womens-shelter", "client-1",
        "|", "a|b|c", "true"));
  }

  private record Body(byte[] bytes, String contentType) {}

  private Body body(Draw draw, ApiSurface.Operation operation) {
    String path = operation.path();
    if (path.equals("/auth/token")) {
      String form = String.join("&", draw.pick(List.of(
          List.of("grant_type=client_credentials", "client_assertion_type=" + encode(draw.hostile()),
              "client_assertion=" + encode(draw.hostile()), "scope=" + encode("system/Task.rs")),
          List.of("grant_type=" + encode(draw.hostile()), "scope=" + encode(draw.hostile())),
          List.of("grant_type=client_credentials", "client_assertion_type="
              + encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
              "client_assertion=" + encode("eyJhbGciOiJFUzM4NCIsImtpZCI6Ij" + draw.canary() + "J9.e30.AAAA"),
              "scope=" + encode(draw.hostile()), "purpose_of_use=" + encode(draw.hostile())))));
      return new Body(form.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
    }
    if (path.startsWith("/admin/")) {
      ObjectNode client = JsonNodeFactory.instance.objectNode();
      client.put("organization", draw.pick(List.of("Organization/hr-1", draw.hostile())));
      client.put("role", draw.pick(List.of("site", "auditor", "admin", draw.hostile())));
      client.put("scope", draw.pick(List.of("system/Task.rs", draw.hostile())));
      client.set("jwks", JSON.createObjectNode().set("keys", JSON.createArrayNode().add(
          JSON.createObjectNode().put("kty", draw.pick(List.of("EC", "RSA", draw.hostile()))).put("kid", draw.hostile()))));
      return json(draw, client, "application/json");
    }
    if (operation.method().equals("PATCH")) {
      ArrayNode patch = JSON.createArrayNode();
      patch.addObject().put("op", draw.pick(List.of("replace", "add", "remove", "move", "test", draw.hostile())))
          .put("path", draw.pick(List.of("/status", "/id", "/meta/tag/0", "/for/reference", "/" + draw.hostile())))
          .put("value", draw.hostile());
      return json(draw, patch, "application/json-patch+json");
    }
    Resource resource = sample(draw, operation.resourceType(), path, draw.pick(pseudonyms));
    if (draw.chance(12) && !draw.hasControlCharacters(FHIR.newJsonParser().encodeResourceToString(resource))) {
      String xml = FHIR.newXmlParser().encodeResourceToString(resource);
      return new Body(draw.chance(50) ? xml.getBytes(StandardCharsets.UTF_8)
          : xml.substring(0, draw.below(xml.length() + 1)).getBytes(StandardCharsets.UTF_8), "application/fhir+xml");
    }
    try {
      return json(draw, JSON.readTree(FHIR.newJsonParser().encodeResourceToString(resource)), "application/fhir+json");
    } catch (java.io.IOException unreachable) {
      throw new IllegalStateException(unreachable);
    }
  }

  /** A valid resource to mutate: the referral of a new client, or one of its resources, or a minimal one. */
  private static Resource sample(Draw draw, String type, String path, String pseudonym) {
    Bundle referral = ReferralTransactions.newClientReferral(pseudonym, "hr-1", "anc-1", "prenatal-care",
        "pregnancy-care", Instant.now());
    if (type == null || path.equals("/fhir") || path.equals("/fhir/")) {
      return referral;
    }
    if (path.contains("$")) {
      org.hl7.fhir.r4.model.Parameters parameters = new org.hl7.fhir.r4.model.Parameters();
      parameters.addParameter().setName(draw.pick(List.of("resource", "reason", "mode", "profile", draw.canary())))
          .setValue(new org.hl7.fhir.r4.model.StringType(draw.hostile()));
      if (draw.chance(50)) {
        parameters.addParameter().setName("resource").setResource(referral.getEntryFirstRep().getResource());
      }
      return parameters;
    }
    for (Bundle.BundleEntryComponent entry : referral.getEntry()) {
      if (entry.getResource().fhirType().equals(type)) {
        return entry.getResource();
      }
    }
    try {
      return (Resource) FHIR.getResourceDefinition(type).newInstance();
    } catch (RuntimeException unknown) {
      return referral;
    }
  }

  private Body json(Draw draw, JsonNode tree, String contentType) {
    int mutations = 1 + draw.below(3);
    for (int i = 0; i < mutations; i++) {
      mutate(draw, tree);
    }
    String text = tree.toString();
    int whole = draw.below(100);
    if (whole < 6) {
      text = text.substring(0, draw.below(text.length() + 1));
    } else if (whole < 8) {
      text = "[".repeat(3000) + draw.canary();
    } else if (whole < 10) {
      text = text.replaceFirst("\\{", "{\"resourceType\":\"" + draw.canary() + "\",");
    } else if (whole < 11) {
      text = "";
    }
    return new Body(text.getBytes(StandardCharsets.UTF_8), contentType);
  }

  /** One change somewhere in the tree: a value replaced, removed, retyped, or an unknown field added. */
  private static void mutate(Draw draw, JsonNode root) {
    List<ObjectNode> objects = new ArrayList<>();
    collect(root, objects);
    if (objects.isEmpty()) {
      return;
    }
    ObjectNode object = draw.pick(objects);
    List<String> fields = new ArrayList<>();
    object.fieldNames().forEachRemaining(fields::add);
    String field = fields.isEmpty() ? "id" : draw.pick(fields);
    Function<Draw, JsonNode> replacement = draw.pick(List.of(
        d -> JsonNodeFactory.instance.textNode(d.hostile()),
        d -> JsonNodeFactory.instance.numberNode(d.chance(50) ? -1 : Long.MAX_VALUE),
        d -> JsonNodeFactory.instance.booleanNode(true),
        d -> JsonNodeFactory.instance.nullNode(),
        d -> JsonNodeFactory.instance.arrayNode().add(d.hostile()),
        d -> JsonNodeFactory.instance.objectNode().put(d.canary(), d.hostile())));
    switch (draw.below(4)) {
      case 0 -> object.remove(field);
      case 1 -> object.set(draw.canary(), replacement.apply(draw));
      default -> object.set(field, replacement.apply(draw));
    }
  }

  private static void collect(JsonNode node, List<ObjectNode> objects) {
    if (node instanceof ObjectNode object) {
      objects.add(object);
    }
    for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
      collect(children.next(), objects);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** The random choices of one request, and the canaries it placed. */
  private static final class Draw {

    private final SplittableRandom random;
    private final Set<String> canaries = new LinkedHashSet<>();

    Draw(SplittableRandom random) {
      this.random = random;
    }

    boolean chance(int percent) {
      return random.nextInt(100) < percent;
    }

    int below(int bound) {
      return random.nextInt(bound);
    }

    <T> T pick(List<T> options) {
      return options.get(random.nextInt(options.size()));
    }

    String canary() {
      String canary = String.format(Locale.ROOT, "zq%06d", random.nextInt(1_000_000));
      canaries.add(canary);
      return canary;
    }

    /** A hostile value that carries a canary. */
    String hostile() {
      return fill(pick(HOSTILE));
    }

    String fill(String template) {
      String canary = canary();
      return template.replace("%c", canary);
    }

    /** Whether XML could not carry the text (XML 1.0 has no control characters but tab, CR and LF). */
    boolean hasControlCharacters(String text) {
      return text.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r')
          || text.contains("\\u0000");
    }

    /** The value as it would go on the wire unencoded, but never breaking the request line's framing. */
    String raw(String value) {
      return value.replaceAll("[\\s\\u0000-\\u001f\\u007f]", "%20").replace("#", "%23");
    }
  }
}
