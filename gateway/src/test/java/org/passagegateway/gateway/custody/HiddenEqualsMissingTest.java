package org.passagegateway.gateway.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passagegateway.gateway.support.TransactionResponses.idOf;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceOperationComponent;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.passagegateway.gateway.security.ResourceCategory;
import org.passagegateway.gateway.support.RegisteredEndpoints;
import org.passagegateway.gateway.support.AccessTokens;
import org.passagegateway.gateway.support.DemoCredentials;
import org.passagegateway.gateway.identity.PseudonymFormat;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RawHttp;
import org.passagegateway.gateway.support.RawHttp.Response;
import org.passagegateway.terminology.PassageTerminology;
import org.passagegateway.testdata.NetworkBuilders;
import org.passagegateway.testdata.ReferralTransactions;

/**
 * Client data a site may not see does not exist for it (DESIGN.md, "Consent semantics" and
 * "Custody"): every request about a hidden resource is answered exactly as the same request about
 * a resource that never existed.
 *
 * <p>The requests are generated from the gateway's own CapabilityStatement: for each clinical type
 * it serves ({@link ResourceCategory#CLINICAL}), each interaction, search parameter, include,
 * revinclude and operation it advertises on that type, and the batch and transaction interactions,
 * requests are built around an id, as reads, searches, writes of the resource, writes that refer
 * to it, bundle entries and operations. Each is sent once with the id of a resource hidden from
 * the TB site and once with an id that never existed, and the two answers must be equal once the
 * values that differ on every request (the two ids, timestamps, request, search and new resource
 * ids, versions of what each side's request wrote) are replaced by placeholders. An interaction or
 * operation advertised later is covered without a new test; an interaction the harness cannot
 * build a request for fails until it is taught one.
 *
 * <p>Hidden are the resources of a referral to the TB site whose client then recorded a consent
 * naming only the antenatal clinic (the TB site stays a party; her consent now denies it), and a
 * resource of each other clinical type that the harm reduction site recorded about her, to which
 * the TB site was never a party. The same is asked of what the TB site does see: a client referred
 * to it, about whom the harm reduction site recorded resources it is not shown, against a client
 * referred alike without them. The TB site asks through its demo client, and for the types outside
 * that client's scopes through a client of the same site registered with every clinical scope
 * (else every answer would be the same refusal, decided before any resource is looked at).
 *
 * <p>Two samplings keep the class fast: a reference that may point at any type is tried with three
 * hidden types (see {@link #anyTargets()}), and where the search cannot find the hidden resource at
 * all, one request carries every advertised include (see {@link #includePairs}).
 */
class HiddenEqualsMissingTest extends H2GatewayTest {

  /** Instance operations of HAPI's JPA server that Passage does not offer. */
  private static final List<String> UNLISTED_INSTANCE_OPERATIONS =
      List.of("meta", "meta-add", "meta-delete", "everything", "expunge", "diff", "validate", "reindex");

  /** Where the harness's Subscriptions point (registered for its sites; they are off, nothing is sent). */
  private static final String HARNESS_ENDPOINT = "https://localhost:9/harness";


  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FHIR_JSON = "application/fhir+json";
  private static final String JSON_PATCH = "application/json-patch+json";
  private static final String TB = "demo-site-tb-1";
  /** Identifiers the harness gives the resources it writes, so that identifier searches have a value to look for. */
  private static final String HARNESS_SYSTEM = "urn:ietf:rfc:3986";
  /** The hidden types a reference to any type is tried with (see {@link #anyTargets()}). */
  private static final List<String> ANY_TARGETS = List.of("Patient", "Task", "Condition");
  /** The types of the hidden resources the TB site is still a party to (the referral to it; her consent hides them). */
  private static final List<String> PARTY_TYPES = List.of("Patient", "ServiceRequest", "Task");
  /** How the name of a pair about the twins ends. */
  private static final String TWIN = " of a client it sees, with hidden resources about her";
  private static final Instant WRITTEN = Instant.parse("2026-11-20T10:00:00Z");

  private static final Pattern PSEUDONYM_PATTERN =
      Pattern.compile("\\b[1-9][0-9]?-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z*]");
  private static final Pattern UUID_PATTERN =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern INSTANT =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})");
  private static final Pattern HTTP_DATE =
      Pattern.compile("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
  /** The request id HAPI records as {@code meta.source} of what the request wrote. */
  private static final Pattern REQUEST_SOURCE = Pattern.compile("(\"source\" ?: ?\")#[A-Za-z0-9]+\"");
  /** Version numbers: in an ETag, a {@code _history} path or a {@code versionId} or {@code etag} element. */
  private static final Pattern VERSION =
      Pattern.compile("(W/\"|_history/|\"versionId\" : \"|\"etag\" : \")\\d+(\"|\\b)");
  /** How long HAPI took to write, in the outcome of a write. */
  private static final Pattern ELAPSED = Pattern.compile("Took \\d+ms");
  /** Headers whose value differs on every request, or follows from the body alone. */
  private static final List<String> VOLATILE_HEADERS =
      List.of("date", "content-length", "transfer-encoding", "connection", "keep-alive", "x-request-id");

  /** A resource of the network, by type and id. */
  private record Known(String type, String id, String identifierValue) {}

  /** One side of a pair: the id (and identifier value) the request is built around, and a value fresh to this side. */
  private record Side(String id, String identifierValue, String fresh, Map<String, String> aliases) {}

  /**
   * Two clients the TB site sees, alike but for what it does not see: the harm reduction site
   * recorded, about the first only, resources the TB site is not a party to. By type, the resource
   * of each client, and their ids as placeholders.
   */
  private record Twin(String withHidden, String without, Map<String, String> aliasesWithHidden,
      Map<String, String> aliasesWithout) {}

  /** One generated request pair: a name, who asks, and what the request does with a side's id. */
  private record Pair(String name, String targetType, Function<Side, String> exchange) {}

  /** What the harness set up: the hidden resources, those the TB site sees, and how to ask as it. */
  private final Map<String, Known> hidden = new LinkedHashMap<>();
  private final Map<String, Known> visible = new LinkedHashMap<>();
  /** By {@code "twin " + type}: the two resources of that type of the twin clients. */
  private final Map<String, Twin> twins = new LinkedHashMap<>();
  /** The types of which the harm reduction site recorded a resource about the first twin. */
  private final List<String> twinReferrers = new ArrayList<>();
  private final List<String> otherHiddenIds = new ArrayList<>();
  private final Map<String, RawHttp> observers = new HashMap<>();
  private final Map<String, OperationDefinition> definitions = new HashMap<>();
  private final DemoCredentials.Client tbDemo = DemoCredentials.client(TB);
  private DemoCredentials.Client wideHarmReduction;
  private DemoCredentials.Client wideTb;
  private String visibleClient;

  @TestFactory
  Stream<DynamicTest> whenASiteAsksAboutClientDataItMayNotSeeThenEachAnswerIsThatOfDataThatNeverExisted() {
    CapabilityStatement capabilities = FHIR.newJsonParser().parseResource(CapabilityStatement.class,
        httpAs(tbDemo).send("GET", "/fhir/metadata", null, null, "Accept", FHIR_JSON).body());
    CapabilityStatement.CapabilityStatementRestComponent rest = capabilities.getRestFirstRep();
    List<CapabilityStatementRestResourceComponent> types = rest.getResource().stream()
        .filter(resource -> ResourceCategory.CLINICAL.types().contains(resource.getType())).toList();
    assertThat(types).as("clinical types advertised").isNotEmpty();
    setUpNetwork(types.stream().map(CapabilityStatementRestResourceComponent::getType).toList());
    return pairsOf(rest, types).stream().map(pair -> DynamicTest.dynamicTest(pair.name(), () -> check(pair)));
  }

  /**
   * The pairs of every advertised interaction and operation: reads first, then writes, operations
   * and deletes, so that a write the gateway wrongly lets through changes nothing read before it.
   */
  private List<Pair> pairsOf(CapabilityStatement.CapabilityStatementRestComponent rest,
      List<CapabilityStatementRestResourceComponent> types) {
    List<Pair> reads = new ArrayList<>();
    List<Pair> writes = new ArrayList<>();
    List<Pair> operations = new ArrayList<>();
    List<Pair> deletes = new ArrayList<>();
    for (CapabilityStatementRestResourceComponent type : types) {
      for (CapabilityStatement.ResourceInteractionComponent interaction : type.getInteraction()) {
        String code = interaction.getCode().toCode();
        switch (code) {
          case "read" -> reads.addAll(readPairs(type.getType()));
          case "vread" -> reads.addAll(vreadPairs(type.getType()));
          case "history-instance" -> reads.addAll(historyPairs(type.getType()));
          case "search-type" -> {
            reads.addAll(searchPairs(type));
            reads.addAll(twinPairs(type));
          }
          case "update" -> writes.addAll(updatePairs(type));
          case "patch" -> writes.addAll(patchPairs(type.getType()));
          case "create" -> writes.addAll(createPairs(type.getType()));
          case "delete" -> deletes.addAll(deletePairs(type));
          // A type's history names no id: nothing to pair (and sites are refused it).
          case "history-type" -> { }
          default -> reads.add(unknown(type.getType(), "interaction " + code));
        }
      }
      for (CapabilityStatementRestResourceOperationComponent operation : type.getOperation()) {
        operations.addAll(operationPairs(type.getType(), operation));
      }
      // The instance operations HAPI's providers still answer, which the statement does not list
      // (the rules refuse them): refused alike for a hidden resource and a missing one.
      Set<String> advertised = type.getOperation().stream().map(operation -> operation.getName().replace("$", ""))
          .collect(Collectors.toSet());
      for (String name : UNLISTED_INSTANCE_OPERATIONS) {
        if (!advertised.contains(name)) {
          String resourceType = type.getType();
          operations.add(request("$" + name + " on the instance, not listed (POST)", resourceType, resourceType, "POST",
              side -> "/fhir/" + resourceType + "/" + side.id() + "/$" + name, FHIR_JSON,
              side -> json(new Parameters())));
          operations.add(get("$" + name + " on the instance, not listed (GET)", resourceType, resourceType,
              side -> "/fhir/" + resourceType + "/" + side.id() + "/$" + name));
        }
      }
    }
    for (CapabilityStatement.SystemInteractionComponent interaction : rest.getInteraction()) {
      String code = interaction.getCode().toCode();
      switch (code) {
        case "batch", "transaction" -> {
          for (CapabilityStatementRestResourceComponent type : types) {
            writes.addAll(bundlePairs(type.getType(), Bundle.BundleType.fromCode(code)));
          }
          writes.addAll(referringBundlePairs(Bundle.BundleType.fromCode(code)));
        }
        default -> reads.add(unknown("system", "interaction " + code));
      }
    }
    for (CapabilityStatement.CapabilityStatementRestResourceOperationComponent operation : rest.getOperation()) {
      // None is advertised today; whether one concerns client data is for whoever adds it to say.
      operations.add(unknown("system", "operation " + operation.getName()));
    }
    return Stream.of(reads, writes, operations, deletes).flatMap(List::stream).toList();
  }

  // ---------------------------------------------------------------------------------------------
  // The comparison

  private void check(Pair pair) {
    String hiddenAnswer = pair.exchange().apply(hiddenSide(pair.targetType()));
    String missingAnswer = pair.exchange().apply(missingSide(pair.targetType()));
    assertThat(hiddenAnswer).as(pair.name() + ": hidden answered otherwise than missing").isEqualTo(missingAnswer);
  }

  /** The side with the hidden resource: its id, or the twin with hidden resources about it. */
  private Side hiddenSide(String targetType) {
    Twin twin = twins.get(targetType);
    if (twin != null) {
      return new Side(twin.withHidden(), null, UUID.randomUUID().toString(), twin.aliasesWithHidden());
    }
    Known target = hidden.get(targetType);
    return new Side(target.id(), target.identifierValue(), UUID.randomUUID().toString(), Map.of());
  }

  /** The side without: an id (and identifier) never used, or the twin without hidden resources about it. */
  private Side missingSide(String targetType) {
    Twin twin = twins.get(targetType);
    if (twin != null) {
      return new Side(twin.without(), null, UUID.randomUUID().toString(), twin.aliasesWithout());
    }
    return new Side(UUID.randomUUID().toString(), identifierValueLike(hidden.get(targetType).identifierValue()),
        UUID.randomUUID().toString(), Map.of());
  }

  /**
   * An answer with everything that differs on every request replaced: the side's id and
   * identifier by placeholders, ids of other hidden resources by their type, every other UUID
   * (request, search, Bundle and new resource ids) and every timestamp.
   */
  private String normalise(Response response, Side side) {
    StringBuilder text = new StringBuilder().append(response.status()).append('\n');
    new TreeMap<>(response.headers()).forEach((name, values) -> {
      if (!VOLATILE_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        text.append(name.toLowerCase(Locale.ROOT)).append(": ").append(String.join(", ", values)).append('\n');
      }
    });
    text.append('\n').append(pretty(response.body()));
    String normalised = text.toString().replace(side.id(), "{id}").replace(side.fresh(), "{fresh}");
    if (issued.containsKey(side.fresh())) {
      normalised = normalised.replace(issued.get(side.fresh()), "{fresh}");
    }
    for (Map.Entry<String, String> alias : side.aliases().entrySet()) {
      normalised = normalised.replace(alias.getKey(), alias.getValue());
    }
    if (side.identifierValue() != null) {
      normalised = normalised.replace(side.identifierValue(), "{identifier}")
          .replace(encode(side.identifierValue()), "{identifier}");
    }
    for (Known other : hidden.values()) {
      normalised = normalised.replace(other.id(), "{hidden " + other.type() + "}");
    }
    for (String other : otherHiddenIds) {
      normalised = normalised.replace(other, "{hidden}");
    }
    normalised = UUID_PATTERN.matcher(normalised).replaceAll("{uuid}");
    // Each client's network pseudonym differs as her id does.
    normalised = PSEUDONYM_PATTERN.matcher(normalised).replaceAll("{pseudonym}");
    normalised = INSTANT.matcher(normalised).replaceAll("{instant}");
    normalised = REQUEST_SOURCE.matcher(normalised).replaceAll("$1#{request}\"");
    normalised = ELAPSED.matcher(normalised).replaceAll("Took {n}ms");
    return HTTP_DATE.matcher(normalised).replaceAll("{http-date}");
  }

  private static String pretty(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(body));
    } catch (IOException notJson) {
      return body;
    }
  }

  /** Pseudonyms issued for the fresh values of sides, so that a client a request writes carries an issued one. */
  private final Map<String, String> issued = new java.util.concurrent.ConcurrentHashMap<>();

  private String pseudonymFor(String fresh) {
    return issued.computeIfAbsent(fresh, unused -> newPseudonym());
  }

  private String identifierValueLike(String value) {
    if (value == null) {
      return null;
    }
    return PseudonymFormat.looksIssued(value) ? newPseudonym() : "urn:uuid:" + UUID.randomUUID();
  }

  // ---------------------------------------------------------------------------------------------
  // Requests

  /** A pair of one request; {@code path} and {@code body} are built from the side. */
  private Pair request(String name, String targetType, String askedAbout, String method, Function<Side, String> path,
      String contentType, Function<Side, String> body, String... headers) {
    return new Pair(askedAbout + " · " + name, targetType, side -> {
      Response response = send(observer(askedAbout), method, path.apply(side), contentType,
          body == null ? null : body.apply(side), substitute(headers, side));
      return normalise(response, side);
    });
  }

  /**
   * A pair of one request that updates a resource of the TB site's own, whose version moves on with
   * each side's request: its version numbers are not compared.
   */
  private Pair versioned(String name, String targetType, String askedAbout, String method, Function<Side, String> path,
      String contentType, Function<Side, String> body) {
    Pair pair = request(name, targetType, askedAbout, method, path, contentType, body);
    return new Pair(pair.name(), targetType,
        side -> VERSION.matcher(pair.exchange().apply(side)).replaceAll("$1{version}$2"));
  }

  private Pair get(String name, String targetType, String askedAbout, Function<Side, String> path, String... headers) {
    return request(name, targetType, askedAbout, "GET", path, null, null, headers);
  }

  private static Response send(RawHttp as, String method, String path, String contentType, String body, String... headers) {
    List<String> all = new ArrayList<>(List.of(headers));
    if (all.stream().noneMatch("Accept"::equalsIgnoreCase)) {
      all.addAll(List.of("Accept", FHIR_JSON));
    }
    return as.send(method, path, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
        all.toArray(String[]::new));
  }

  /** Headers whose values may name the side's id as {@code {id}} or its identifier as {@code {identifier}}. */
  private static String[] substitute(String[] headers, Side side) {
    return Stream.of(headers).map(header -> header.replace("{id}", side.id())
        .replace("{identifier}", side.identifierValue() == null ? "" : side.identifierValue())).toArray(String[]::new);
  }

  /** Who asks about a type: the TB site's demo client, or its client with every clinical scope if the demo one lacks it. */
  private RawHttp observer(String type) {
    return observers.computeIfAbsent(type, key -> demoScopes(key) ? httpAs(tbDemo) : httpAs(wideTb));
  }

  private boolean demoScopes(String type) {
    return List.of(tbDemo.scope().split(" ")).stream().anyMatch(scope -> scope.startsWith("system/" + type + "."));
  }

  private Pair unknown(String type, String what) {
    String first = hidden.keySet().iterator().next();
    // (The pair fails before it is sent; any target will do.)
    return new Pair(type + " · " + what, first, side -> {
      throw new AssertionError("the harness has no request pair for the advertised " + what + " of " + type
          + "; teach it one");
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Instance reads

  private List<Pair> readPairs(String type) {
    return List.of(
        get("read", type, type, side -> "/fhir/" + type + "/" + side.id()),
        get("read If-None-Match", type, type, side -> "/fhir/" + type + "/" + side.id(), "If-None-Match", "W/\"1\""),
        get("read _summary=true", type, type, side -> "/fhir/" + type + "/" + side.id() + "?_summary=true"),
        get("read as XML", type, type, side -> "/fhir/" + type + "/" + side.id(), "Accept", "application/fhir+xml"));
  }

  private List<Pair> vreadPairs(String type) {
    return List.of(
        get("vread /_history/1", type, type, side -> "/fhir/" + type + "/" + side.id() + "/_history/1"),
        get("vread /_history/2 (a version the hidden resource does not have)", type, type,
            side -> "/fhir/" + type + "/" + side.id() + "/_history/2"),
        get("vread /_history/1 If-None-Match", type, type, side -> "/fhir/" + type + "/" + side.id() + "/_history/1",
            "If-None-Match", "W/\"1\""));
  }

  private List<Pair> historyPairs(String type) {
    return List.of(
        get("instance history", type, type, side -> "/fhir/" + type + "/" + side.id() + "/_history"),
        get("instance history _count=1", type, type, side -> "/fhir/" + type + "/" + side.id() + "/_history?_count=1"));
  }

  // ---------------------------------------------------------------------------------------------
  // Searches

  private List<Pair> searchPairs(CapabilityStatementRestResourceComponent resource) {
    String type = resource.getType();
    List<Pair> pairs = new ArrayList<>();
    for (CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent parameter : resource.getSearchParam()) {
      String name = parameter.getName();
      switch (parameter.getType()) {
        case TOKEN -> {
          if ("_id".equals(name)) {
            pairs.add(get("search _id", type, type, side -> "/fhir/" + type + "?_id=" + side.id()));
            pairs.add(get("search _id (with a visible id)", type, type, side -> withVisible(type, side, "")));
          } else if ("identifier".equals(name) && hidden.get(type).identifierValue() != null) {
            String system = identifierSystem(type);
            pairs.add(get("search identifier", type, type,
                side -> "/fhir/" + type + "?identifier=" + encode(system + "|" + side.identifierValue())));
          }
          // Other token parameters (status, code, ...) take no id.
        }
        case REFERENCE -> pairs.addAll(referenceSearchPairs(type, name));
        case STRING -> {
          if ("_has".equals(name)) {
            pairs.addAll(hasPairs(resource));
          }
          // _list names a List, which Passage does not serve; other string parameters take no id.
        }
        // Dates, numbers, quantities, URIs and composites take no id.
        default -> { }
      }
    }
    pairs.add(request("search by POST _search", type, type, "POST", side -> "/fhir/" + type + "/_search",
        "application/x-www-form-urlencoded", side -> "_id=" + side.id()));
    pairs.addAll(includePairs(type, "_include", resource.getSearchInclude()));
    pairs.addAll(includePairs(type, "_revinclude", resource.getSearchRevInclude()));
    List<String> sorts = new ArrayList<>(List.of("_id", "-_lastUpdated"));
    resource.getSearchParam().stream()
        .filter(p -> p.getType() == SearchParamType.DATE && !p.getName().startsWith("_"))
        .findFirst().ifPresent(p -> sorts.add(p.getName()));
    for (String sort : sorts) {
      pairs.add(get("search _sort=" + sort, type, type, side -> withVisible(type, side, "&_sort=" + sort)));
    }
    for (String parameters : List.of("_summary=count", "_total=accurate", "_count=1&_offset=1")) {
      pairs.add(get("search " + parameters, type, type, side -> withVisible(type, side, "&" + parameters)));
    }
    pairs.add(new Pair(type + " · search _count=1, every page", type,
        side -> pages(type, withVisible(type, side, "&_count=1"), side)));
    return pairs;
  }

  /**
   * What a search shows of a client the TB site sees, with resources about her it does not see
   * against a client without them: each revinclude of one of them, and each search by reference to
   * her resources.
   */
  private List<Pair> twinPairs(CapabilityStatementRestResourceComponent resource) {
    String type = resource.getType();
    List<Pair> pairs = new ArrayList<>();
    if (twins.containsKey("twin " + type)) {
      for (StringType revinclude : resource.getSearchRevInclude()) {
        if (twinReferrers.contains(revinclude.getValue().split(":")[0])) {
          pairs.add(get("search _revinclude=" + revinclude.getValue() + TWIN, "twin " + type, type,
              side -> "/fhir/" + type + "?_id=" + side.id() + "&_revinclude=" + encode(revinclude.getValue())));
        }
      }
    }
    if (twinReferrers.contains(type)) {
      for (CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent parameter : resource.getSearchParam()) {
        if (parameter.getType() != SearchParamType.REFERENCE) {
          continue;
        }
        RuntimeSearchParam known = FHIR.getResourceDefinition(type).getSearchParam(parameter.getName());
        for (String target : List.of("Patient", "ServiceRequest", "Task")) {
          if (known == null || known.getTargets().isEmpty() || known.getTargets().contains(target)) {
            pairs.add(get("search " + parameter.getName() + "=" + target + "/{id}" + TWIN, "twin " + target, type,
                side -> "/fhir/" + type + "?" + parameter.getName() + "=" + target + "/" + side.id()));
          }
        }
      }
    }
    return pairs;
  }

  /**
   * {@code _include} or {@code _revinclude} of each advertised value, by the hidden id. Where the
   * TB site is still a party to the hidden resource (the search finds it before consent drops it),
   * one pair per value; otherwise the search finds nothing to include from, and one request with
   * every advertised value stands for them all.
   */
  private List<Pair> includePairs(String type, String parameter, List<StringType> advertised) {
    List<String> values = advertised.stream().map(StringType::getValue).toList();
    if (values.isEmpty()) {
      return List.of();
    }
    if (!PARTY_TYPES.contains(type)) {
      String all = values.stream().map(value -> parameter + "=" + encode(value)).collect(Collectors.joining("&"));
      return List.of(get("search " + parameter + " of every advertised value (" + values.size() + ")", type, type,
          side -> "/fhir/" + type + "?_id=" + side.id() + "&" + all));
    }
    return values.stream().map(value -> get("search " + parameter + "=" + value, type, type,
        side -> "/fhir/" + type + "?_id=" + side.id() + "&" + parameter + "=" + encode(value))).toList();
  }

  /** A search by the side's id, after the id of a resource of the type the TB site sees where there is one. */
  private String withVisible(String type, Side side, String parameters) {
    Known shown = visible.get(type);
    return "/fhir/" + type + "?_id=" + (shown == null ? "" : shown.id() + ",") + side.id() + parameters;
  }

  /** A reference parameter: for each hidden resource of a type it may point at, by id, by identifier and chained. */
  private List<Pair> referenceSearchPairs(String type, String name) {
    List<Pair> pairs = new ArrayList<>();
    for (String target : targetsOf(type, name)) {
      pairs.add(get("search " + name + "=" + target + "/{id}", target, type,
          side -> "/fhir/" + type + "?" + name + "=" + target + "/" + side.id()));
      if ("Patient".equals(target)) {
        // By the client's pseudonym, as a site that knows her would search.
        String system = identifierSystem(target);
        pairs.add(get("search " + name + ":identifier (" + target + ")", target, type,
            side -> "/fhir/" + type + "?" + name + ":identifier=" + encode(system + "|" + side.identifierValue())));
        pairs.add(get("search " + name + ":" + target + ".identifier (chained)", target, type, side -> "/fhir/" + type
            + "?" + name + ":" + target + ".identifier=" + encode(system + "|" + side.identifierValue())));
      }
    }
    return pairs;
  }

  /** The hidden types a reference search parameter may point at (a sample where it may point at any type). */
  private List<String> targetsOf(String type, String name) {
    RuntimeSearchParam parameter = FHIR.getResourceDefinition(type).getSearchParam(name);
    if (parameter == null || parameter.getTargets().isEmpty()) {
      return anyTargets();
    }
    return hidden.keySet().stream().filter(parameter.getTargets()::contains).toList();
  }

  /**
   * Where a reference may point at any type: the client's Patient and referral Task (hidden by her
   * consent) and a Condition (of a site the TB site was never a party to), rather than every
   * hidden type, which would repeat the same request many times over.
   */
  private List<String> anyTargets() {
    List<String> sample = ANY_TARGETS.stream().filter(hidden::containsKey).toList();
    return sample.isEmpty() ? List.copyOf(hidden.keySet()) : sample;
  }

  /** {@code _has}: the resources of this type that a hidden resource (of a type that may refer to it) refers to. */
  private List<Pair> hasPairs(CapabilityStatementRestResourceComponent resource) {
    String type = resource.getType();
    return resource.getSearchRevInclude().stream().map(StringType::getValue)
        .filter(revinclude -> hidden.containsKey(revinclude.split(":")[0])).limit(1)
        .map(revinclude -> {
          String[] parts = revinclude.split(":");
          return get("search _has:" + parts[0] + ":" + parts[1] + ":_id", parts[0], type,
              side -> "/fhir/" + type + "?_has:" + parts[0] + ":" + parts[1] + ":_id=" + side.id());
        }).toList();
  }

  /** A search followed page by page through its {@code next} links. */
  private String pages(String type, String first, Side side) {
    StringBuilder transcript = new StringBuilder();
    String next = first;
    int pages = 0;
    int entries = 0;
    while (next != null && pages < 20) {
      Response page = send(observer(type), "GET", next, null, null);
      transcript.append("--- page ").append(++pages).append('\n').append(normalise(page, side)).append('\n');
      next = null;
      try {
        JsonNode bundle = JSON.readTree(page.body());
        entries += bundle.path("entry").size();
        for (JsonNode link : bundle.path("link")) {
          if ("next".equals(link.path("relation").asText())) {
            String url = link.path("url").asText();
            next = url.substring(url.indexOf("/fhir"));
          }
        }
      } catch (IOException notABundle) {
        // The page is in the transcript; there is no next one.
      }
    }
    return "pages: " + pages + ", entries: " + entries + "\n" + transcript;
  }

  // ---------------------------------------------------------------------------------------------
  // Writes

  private List<Pair> updatePairs(CapabilityStatementRestResourceComponent resource) {
    String type = resource.getType();
    List<Pair> pairs = new ArrayList<>(List.of(
        request("update", type, type, "PUT", side -> "/fhir/" + type + "/" + side.id(), FHIR_JSON,
            side -> json(withId(body(type, side), side.id()))),
        request("update If-Match", type, type, "PUT", side -> "/fhir/" + type + "/" + side.id(), FHIR_JSON,
            side -> json(withId(body(type, side), side.id())), "If-Match", "W/\"1\"")));
    if (resource.getConditionalUpdate()) {
      pairs.add(request("conditional update ?_id", type, type, "PUT", side -> "/fhir/" + type + "?_id=" + side.id(),
          FHIR_JSON, side -> json(body(type, side))));
      if (hidden.get(type).identifierValue() != null) {
        pairs.add(request("conditional update ?identifier", type, type, "PUT",
            side -> "/fhir/" + type + "?identifier=" + encode(identifierSystem(type) + "|" + side.identifierValue()),
            FHIR_JSON, side -> json(body(type, side))));
      }
    }
    return pairs;
  }

  private List<Pair> patchPairs(String type) {
    return List.of(
        request("patch (JSON Patch)", type, type, "PATCH", side -> "/fhir/" + type + "/" + side.id(), JSON_PATCH,
            side -> jsonPatch()),
        request("patch (FHIRPath Patch)", type, type, "PATCH", side -> "/fhir/" + type + "/" + side.id(), FHIR_JSON,
            side -> json(fhirPathPatch(type))),
        request("patch If-Match", type, type, "PATCH", side -> "/fhir/" + type + "/" + side.id(), JSON_PATCH,
            side -> jsonPatch(), "If-Match", "W/\"1\""),
        request("conditional patch ?_id", type, type, "PATCH", side -> "/fhir/" + type + "?_id=" + side.id(), JSON_PATCH,
            side -> jsonPatch()));
  }

  /** Conditional creates, and new resources that refer to the hidden resource. */
  private List<Pair> createPairs(String type) {
    List<Pair> pairs = new ArrayList<>();
    pairs.add(request("conditional create If-None-Exist _id", type, type, "POST", side -> "/fhir/" + type, FHIR_JSON,
        side -> json(body(type, side)), "If-None-Exist", "_id={id}"));
    if (hidden.get(type).identifierValue() != null) {
      pairs.add(request("conditional create If-None-Exist identifier", type, type, "POST", side -> "/fhir/" + type,
          FHIR_JSON, side -> json(identified(body(type, side), type, side.identifierValue())), "If-None-Exist",
          "identifier=" + identifierSystem(type) + "|{identifier}"));
    }
    // This type written with each of its references in turn pointing at each hidden resource it may point at.
    for (String path : referencePaths(type)) {
      for (String target : referenceTargets(type, path)) {
        pairs.add(request("create with " + path + " -> " + target + "/{id}", target, type, "POST",
            side -> "/fhir/" + type, FHIR_JSON, side -> json(referring(type, path, target + "/" + side.id(), side))));
      }
      Known own = visible.get(type);
      if (own != null && ownedByTb(type) && !path.contains(".") && !referencesAny(type, path)) {
        for (String target : referenceTargets(type, path)) {
          pairs.add(versioned("update of its own with " + path + " -> " + target + "/{id}", target, type, "PUT",
              side -> "/fhir/" + type + "/" + own.id(), FHIR_JSON,
              side -> json(withId(referring(type, path, target + "/" + side.id(), side), own.id()))));
        }
      }
    }
    return pairs;
  }

  private List<Pair> deletePairs(CapabilityStatementRestResourceComponent resource) {
    String type = resource.getType();
    List<Pair> pairs = new ArrayList<>(List.of(
        request("delete", type, type, "DELETE", side -> "/fhir/" + type + "/" + side.id(), null, null)));
    if (resource.getConditionalDelete() != CapabilityStatement.ConditionalDeleteStatus.NOTSUPPORTED) {
      pairs.add(request("conditional delete ?_id", type, type, "DELETE", side -> "/fhir/" + type + "?_id=" + side.id(),
          null, null));
    }
    return pairs;
  }

  // ---------------------------------------------------------------------------------------------
  // Batches and transactions

  private List<Pair> bundlePairs(String type, Bundle.BundleType kind) {
    String label = kind.toCode();
    List<Pair> pairs = new ArrayList<>();
    pairs.add(bundle(label + " GET", type, type, kind,
        side -> List.of(entry(Bundle.HTTPVerb.GET, type + "/" + side.id(), null))));
    pairs.add(bundle(label + " GET search", type, type, kind,
        side -> List.of(entry(Bundle.HTTPVerb.GET, type + "?_id=" + side.id(), null))));
    pairs.add(bundle(label + " PUT", type, type, kind,
        side -> List.of(entry(Bundle.HTTPVerb.PUT, type + "/" + side.id(), withId(body(type, side), side.id())))));
    pairs.add(bundle(label + " POST If-None-Exist", type, type, kind, side -> {
      Bundle.BundleEntryComponent entry = entry(Bundle.HTTPVerb.POST, type, body(type, side));
      entry.setFullUrl("urn:uuid:" + side.fresh()).getRequest().setIfNoneExist("_id=" + side.id());
      return List.of(entry);
    }));
    pairs.add(bundle(label + " PATCH", type, type, kind,
        side -> List.of(entry(Bundle.HTTPVerb.PATCH, type + "/" + side.id(), jsonPatchBinary()))));
    pairs.add(bundle(label + " DELETE", type, type, kind,
        side -> List.of(entry(Bundle.HTTPVerb.DELETE, type + "/" + side.id(), null))));
    if (kind == Bundle.BundleType.BATCH) {
      pairs.add(bundle(label + " of every method", type, type, kind, side -> {
        List<Bundle.BundleEntryComponent> entries = new ArrayList<>();
        entries.add(entry(Bundle.HTTPVerb.GET, type + "/" + side.id(), null));
        entries.add(entry(Bundle.HTTPVerb.PUT, type + "/" + side.id(), withId(body(type, side), side.id())));
        Bundle.BundleEntryComponent post = entry(Bundle.HTTPVerb.POST, type, body(type, side));
        post.setFullUrl("urn:uuid:" + side.fresh()).getRequest().setIfNoneExist("_id=" + side.id());
        entries.add(post);
        entries.add(entry(Bundle.HTTPVerb.PATCH, type + "/" + side.id(), jsonPatchBinary()));
        entries.add(entry(Bundle.HTTPVerb.DELETE, type + "/" + side.id(), null));
        return entries;
      }));
    }
    return pairs;
  }

  /** A new resource in a batch or transaction, referring to each hidden resource by the first reference that may. */
  private List<Pair> referringBundlePairs(Bundle.BundleType kind) {
    List<Pair> pairs = new ArrayList<>();
    for (String target : hidden.keySet()) {
      for (String writer : hidden.keySet()) {
        Optional<String> path = referencePaths(writer).stream().filter(p -> !p.contains("."))
            .filter(p -> referenceTargets(writer, p).contains(target)).findFirst();
        if (path.isEmpty()) {
          continue;
        }
        pairs.add(bundle(kind.toCode() + " POST with " + path.get() + " -> " + target + "/{id}", target, writer, kind,
            side -> List.of(entry(Bundle.HTTPVerb.POST, writer,
                referring(writer, path.get(), target + "/" + side.id(), side)).setFullUrl("urn:uuid:" + side.fresh()))));
        Known own = visible.get(writer);
        if (own != null && ownedByTb(writer)) {
          pairs.add(bundle(kind.toCode() + " PUT of its own with " + path.get() + " -> " + target + "/{id}", target, writer,
              kind, true, side -> List.of(entry(Bundle.HTTPVerb.PUT, writer + "/" + own.id(),
                  withId(referring(writer, path.get(), target + "/" + side.id(), side), own.id())))));
        }
        break;
      }
    }
    return pairs;
  }

  private Pair bundle(String name, String targetType, String askedAbout, Bundle.BundleType kind,
      Function<Side, List<Bundle.BundleEntryComponent>> entries) {
    return bundle(name, targetType, askedAbout, kind, false, entries);
  }

  private Pair bundle(String name, String targetType, String askedAbout, Bundle.BundleType kind, boolean versioned,
      Function<Side, List<Bundle.BundleEntryComponent>> entries) {
    Function<Side, String> body = side -> {
      Bundle bundle = new Bundle().setType(kind);
      entries.apply(side).forEach(bundle::addEntry);
      return json(bundle);
    };
    return versioned ? versioned(name, targetType, askedAbout, "POST", side -> "/fhir", FHIR_JSON, body)
        : request(name, targetType, askedAbout, "POST", side -> "/fhir", FHIR_JSON, body);
  }

  private static Bundle.BundleEntryComponent entry(Bundle.HTTPVerb method, String url, Resource resource) {
    Bundle.BundleEntryComponent entry = new Bundle.BundleEntryComponent().setResource(resource);
    entry.getRequest().setMethod(method).setUrl(url);
    return entry;
  }

  // ---------------------------------------------------------------------------------------------
  // Operations

  private List<Pair> operationPairs(String type, CapabilityStatementRestResourceOperationComponent advertised) {
    String name = advertised.getName().startsWith("$") ? advertised.getName().substring(1) : advertised.getName();
    OperationDefinition definition = definition(advertised.getDefinition());
    List<Pair> pairs = new ArrayList<>();
    if (definition.getInstance()) {
      pairs.add(request("$" + name + " on the instance (POST)", type, type, "POST",
          side -> "/fhir/" + type + "/" + side.id() + "/$" + name, FHIR_JSON,
          side -> json(operationInput(type, name, side))));
      if (!definition.getAffectsState()) {
        pairs.add(get("$" + name + " on the instance (GET)", type, type,
            side -> "/fhir/" + type + "/" + side.id() + "/$" + name));
      }
    }
    if (definition.getType()) {
      typeLevelOperation(type, name).ifPresent(pairs::add);
      if ("validate".equals(name)) {
        pairs.addAll(validateReferringPairs(type));
      }
    }
    return pairs;
  }

  /** {@code $validate} of a resource of the type whose reference to any type points at a hidden resource. */
  private List<Pair> validateReferringPairs(String type) {
    List<Pair> pairs = new ArrayList<>();
    for (String path : referencePaths(type)) {
      if (path.contains(".") || !referencesAny(type, path)) {
        continue;
      }
      for (String target : referenceTargets(type, path)) {
        pairs.add(request("$validate on the type of one with " + path + " -> " + target + "/{id}", target, type, "POST",
            side -> "/fhir/" + type + "/$validate", FHIR_JSON, side -> json(new Parameters()
                .addParameter(new Parameters.ParametersParameterComponent().setName("resource")
                    .setResource(referring(type, path, target + "/" + side.id(), side))))));
      }
    }
    return pairs;
  }

  /** An operation at type level, with the id where one of its parameters takes one. */
  private Optional<Pair> typeLevelOperation(String type, String name) {
    return switch (name) {
      case "validate" -> Optional.of(request("$validate on the type, mode=update of {id}", type, type, "POST",
          side -> "/fhir/" + type + "/$validate", FHIR_JSON, side -> json(new Parameters()
              .addParameter(new Parameters.ParametersParameterComponent().setName("resource")
                  .setResource(withId(body(type, side), side.id())))
              .addParameter("mode", new CodeType("update")))));
      case "everything" -> Optional.of(get("$everything on the type, _id={id}", type, type,
          side -> "/fhir/" + type + "/$everything?_id=" + side.id()));
      case "hapi.fhir.merge", "hapi.fhir.undo-merge" -> "Patient".equals(type) && visible.containsKey("Patient")
          ? Optional.of(request("$" + name + " on the type, source-patient={id}", type, type, "POST",
              side -> "/fhir/Patient/$" + name, FHIR_JSON, side -> json(new Parameters()
                  .addParameter(new Parameters.ParametersParameterComponent().setName("source-patient")
                      .setValue(new Reference("Patient/" + side.id())))
                  .addParameter(new Parameters.ParametersParameterComponent().setName("target-patient")
                      .setValue(new Reference("Patient/" + visible.get("Patient").id())))
                  .addParameter("preview", true))))
          // A merge of other types names Patients only through this type's own parameters: not meaningful here.
          : Optional.empty();
      // $meta, $expunge and the rest at type level name no instance: nothing to pair.
      default -> Optional.empty();
    };
  }

  private Parameters operationInput(String type, String name, Side side) {
    Parameters input = new Parameters();
    switch (name) {
      case "validate" -> input.addParameter(new Parameters.ParametersParameterComponent().setName("resource")
          .setResource(withId(body(type, side), side.id())));
      case "meta-add", "meta-delete" -> input.addParameter(new Parameters.ParametersParameterComponent().setName("meta")
          .setValue(new Meta().addTag("http://terminology.hl7.org/CodeSystem/v3-ActReason", "HTEST", "test health data")));
      case "expunge" -> input.addParameter("limit", new IntegerType(1));
      default -> { }
    }
    return input;
  }

  /**
   * The operation's definition as the gateway serves it; where it does not, what HAPI's generated
   * id says ({@code Type-i-name} instance, {@code -t-} type, {@code -it-} both); an HL7 definition
   * is taken as both.
   */
  private OperationDefinition definition(String url) {
    return definitions.computeIfAbsent(url, this::readDefinition);
  }

  private OperationDefinition readDefinition(String url) {
    String id = url.substring(url.lastIndexOf('/') + 1);
    Response served = send(httpAs(tbDemo), "GET", "/fhir/OperationDefinition/" + id, null, null);
    if (served.status() == 200) {
      return FHIR.newJsonParser().parseResource(OperationDefinition.class, served.body());
    }
    Matcher generated = Pattern.compile("^[A-Za-z]+-(i|t|it)-.+$").matcher(id);
    OperationDefinition definition = new OperationDefinition();
    String flags = generated.matches() ? generated.group(1) : "it";
    definition.setInstance(flags.contains("i")).setType(flags.contains("t"));
    definition.setAffectsState(!List.of("meta", "everything", "disclosures").contains(id.replaceAll("^.*-", "")));
    return definition;
  }

  // ---------------------------------------------------------------------------------------------
  // Bodies

  /** A valid resource of the type, written by the TB site about the client it sees; fresh values from the side. */
  private Resource body(String type, Side side) {
    return resourceOf(type, "tb-1", "hr-1", visibleClient, side.fresh());
  }

  /** The body with the reference at the path (top level, or in a first-level backbone element) pointing at the target. */
  private Resource referring(String type, String path, String target, Side side) {
    Resource resource = body(type, side);
    String[] names = path.split("\\.");
    Base holder = resource;
    if (names.length == 2) {
      Property backbone = resource.getNamedProperty(names[0]);
      holder = backbone.getValues().isEmpty() ? resource.addChild(names[0]) : backbone.getValues().get(0);
    }
    ((Reference) holder.addChild(names[names.length - 1])).setReference(target);
    return resource;
  }

  /** The reference elements of a type (top level and first-level backbone elements), as paths. */
  private List<String> referencePaths(String type) {
    Resource sample = (Resource) FHIR.getResourceDefinition(type).newInstance();
    List<String> paths = new ArrayList<>();
    for (Property property : sample.children()) {
      if (property.getTypeCode().startsWith("Reference(")) {
        paths.add(property.getName());
      } else if ("BackboneElement".equals(property.getTypeCode())) {
        Base backbone = sample.addChild(property.getName());
        for (Property nested : backbone.children()) {
          if (nested.getTypeCode().startsWith("Reference(")) {
            paths.add(property.getName() + "." + nested.getName());
          }
        }
      }
    }
    return paths;
  }

  private static boolean referencesAny(String type, String path) {
    Resource sample = (Resource) FHIR.getResourceDefinition(type).newInstance();
    return sample.getNamedProperty(path).getTypeCode().matches(".*\\b(Any|Resource)\\b.*");
  }

  /** The hidden types a reference element may point at (all where it may point at any). */
  private List<String> referenceTargets(String type, String path) {
    Resource sample = (Resource) FHIR.getResourceDefinition(type).newInstance();
    String[] names = path.split("\\.");
    Base holder = names.length == 2 ? sample.addChild(names[0]) : sample;
    String typeCode = holder.getNamedProperty(names[names.length - 1]).getTypeCode();
    List<String> targets = List.of(typeCode.substring("Reference(".length(), typeCode.indexOf(')')).split("\\|"));
    if (targets.contains("Any") || targets.contains("Resource")) {
      return anyTargets();
    }
    return hidden.keySet().stream().filter(targets::contains).toList();
  }

  /** A resource of each clinical type, recorded by {@code site} about {@code client}; anything else is empty. */
  private Resource resourceOf(String type, String site, String otherSite, String client, String fresh) {
    Reference patient = new Reference("Patient/" + client);
    Reference organization = new Reference("Organization/" + site);
    CodeableConcept code = new CodeableConcept().setText("harness");
    Date at = Date.from(WRITTEN);
    Resource resource = switch (type) {
      case "Patient" -> NetworkBuilders.client(null, pseudonymFor(fresh), 1990);
      case "ServiceRequest" -> NetworkBuilders.referral(null, client, site, otherSite, "tb",
          ServiceRequest.ServiceRequestPriority.ROUTINE, WRITTEN, "presumptive-tb");
      case "Task" -> NetworkBuilders.referralTask(null, NetworkBuilders.referral(visible.get("ServiceRequest").id(), client,
          site, otherSite, "tb", ServiceRequest.ServiceRequestPriority.ROUTINE, WRITTEN, "presumptive-tb"));
      case "Consent" -> NetworkBuilders.consent(null, client, site, List.of(otherSite),
          NetworkBuilders.SENSITIVE_CATEGORIES, List.of(), WRITTEN);
      case "EpisodeOfCare" -> {
        EpisodeOfCare episode = new EpisodeOfCare().setStatus(EpisodeOfCare.EpisodeOfCareStatus.ACTIVE)
            .setPatient(patient).setManagingOrganization(organization);
        episode.addType(new CodeableConcept(new Coding(PassageTerminology.SERVICE_TYPE, "tb", null)));
        episode.getPeriod().setStart(at);
        yield episode;
      }
      case "Condition" -> new Condition().setSubject(patient).setCode(code).setRecordedDate(at);
      case "Observation" -> new Observation().setStatus(Observation.ObservationStatus.FINAL).setCode(code)
          .setSubject(patient);
      case "Procedure" -> new Procedure().setStatus(Procedure.ProcedureStatus.COMPLETED).setCode(code).setSubject(patient);
      case "Encounter" -> new Encounter().setStatus(Encounter.EncounterStatus.FINISHED)
          .setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", null)).setSubject(patient);
      case "DocumentReference" -> {
        DocumentReference document = new DocumentReference()
            .setStatus(DocumentReferenceStatus.CURRENT).setSubject(patient);
        document.addContent().getAttachment().setContentType("text/plain")
            .setData("harness".getBytes(StandardCharsets.UTF_8));
        yield document;
      }
      case "Provenance" -> {
        Provenance provenance = new Provenance().setRecorded(at);
        provenance.addTarget(patient);
        provenance.addAgent().setWho(organization);
        yield provenance;
      }
      case "Basic" -> new Basic().setCode(code).setSubject(patient);
      case "Bundle" -> new Bundle().setType(Bundle.BundleType.COLLECTION);
      case "Binary" -> new Binary().setContentType("text/plain").setData("harness".getBytes(StandardCharsets.UTF_8));
      case "Subscription" -> {
        Subscription subscription = new Subscription().setStatus(Subscription.SubscriptionStatus.OFF)
            .setReason("harness").setCriteria("Task?owner=Organization/" + site);
        subscription.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK)
            .setEndpoint(HARNESS_ENDPOINT);
        yield subscription;
      }
      default -> (Resource) FHIR.getResourceDefinition(type).newInstance();
    };
    return resource;
  }

  /** The resource with the identifier the conditional create matches on (as a new resource must). */
  private static Resource identified(Resource resource, String type, String value) {
    if (resource instanceof Patient patient) {
      patient.getIdentifierFirstRep().setValue(value);
    } else {
      resource.setProperty("identifier", new Identifier().setSystem(identifierSystem(type)).setValue(value));
    }
    return resource;
  }

  private static Resource withId(Resource resource, String id) {
    resource.setId(id);
    return resource;
  }

  private static String jsonPatch() {
    return "[{\"op\":\"add\",\"path\":\"/language\",\"value\":\"en\"}]";
  }

  /** The JSON Patch as a bundle entry carries it. */
  private static Binary jsonPatchBinary() {
    return new Binary().setContentType(JSON_PATCH).setData(jsonPatch().getBytes(StandardCharsets.UTF_8));
  }

  private static Parameters fhirPathPatch(String type) {
    Parameters patch = new Parameters();
    Parameters.ParametersParameterComponent operation = patch.addParameter().setName("operation");
    operation.addPart().setName("type").setValue(new CodeType("add"));
    operation.addPart().setName("path").setValue(new StringType(type));
    operation.addPart().setName("name").setValue(new StringType("language"));
    operation.addPart().setName("value").setValue(new CodeType("en"));
    return patch;
  }

  private static String json(Resource resource) {
    return FHIR.newJsonParser().encodeResourceToString(resource);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String identifierSystem(String type) {
    return "Patient".equals(type) ? PassageTerminology.CLIENT_PSEUDONYM : HARNESS_SYSTEM;
  }

  private static boolean ownedByTb(String type) {
    // The TB site's own resources (it is their custodian); of a referral it is only the addressee.
    return !List.of("Patient", "ServiceRequest", "Task", "Consent").contains(type);
  }

  // ---------------------------------------------------------------------------------------------
  // The network

  /**
   * Hidden: a referral to the TB site whose client then consents to the antenatal clinic only, and
   * one resource of each other type recorded by the harm reduction site about her. Visible to the
   * TB site: another referral to it, and resources it recorded itself about that client.
   */
  private void setUpNetwork(List<String> types) {
    wideHarmReduction = register("harness-hr-1", "hr-1", types);
    wideTb = register("harness-tb-1", "tb-1", types);

    Map<String, String> shown = sendReferral();
    visibleClient = shown.get("Patient");
    shown.forEach((type, id) -> visible.put(type, new Known(type, id, null)));

    String pseudonym = newPseudonym();
    Bundle withdrawn = ReferralTransactions.newClientReferral(pseudonym, "hr-1", "tb-1", "tb", "presumptive-tb",
        Instant.now());
    Map<String, String> identifiers = new LinkedHashMap<>();
    for (Bundle.BundleEntryComponent entry : withdrawn.getEntry()) {
      identifiers.put(entry.getResource().fhirType(), identify(entry.getResource(), pseudonym));
    }
    Bundle sent = fhir().transaction().withBundle(withdrawn).execute();
    String hiddenClient = idOf(sent, "Patient");
    for (String type : List.of("Patient", "ServiceRequest", "Task", "Consent")) {
      hidden.put(type, new Known(type, idOf(sent, type), identifiers.get(type)));
    }
    otherHiddenIds.add(fhir().create().resource(NetworkBuilders.consent(null, hiddenClient, "hr-1", List.of("anc-1"),
        NetworkBuilders.SENSITIVE_CATEGORIES, List.of(), Instant.now())).execute().getId().getIdPart());

    for (String site : List.of("hr-1", "tb-1")) {
      RegisteredEndpoints.register(fhirAs(ADMIN), site, HARNESS_ENDPOINT);
    }
    for (String type : types) {
      if (!hidden.containsKey(type)) {
        String fresh = UUID.randomUUID().toString();
        Resource resource = resourceOf(type, "hr-1", "tb-1", hiddenClient, fresh);
        if (resource instanceof Provenance provenance) {
          provenance.getTargetFirstRep().setReference("Task/" + hidden.get("Task").id());
        }
        String identifier = identify(resource, null);
        hidden.put(type, new Known(type, create(httpAs(wideHarmReduction), resource), identifier));
        visible.put(type, new Known(type, create(observer(type), resourceOf(type, "tb-1", "hr-1", visibleClient,
            UUID.randomUUID().toString())), null));
      }
    }
    for (Known resource : hidden.values()) {
      assertThat(readAsTb(resource.type(), resource.id())).as("hidden from the TB site: " + resource.type()).isEqualTo(404);
    }
    visible.values().removeIf(resource -> readAsTb(resource.type(), resource.id()) != 200);
    setUpTwins(types);
  }

  /**
   * Two more clients referred to the TB site alike; about the first, the harm reduction site
   * records a resource of each type it can that refers to her Patient, referral and Task wherever
   * it may, and that the TB site is not a party to (the other referrals go to the antenatal clinic).
   */
  private void setUpTwins(List<String> types) {
    Map<String, String> withHidden = sendReferral();
    Map<String, String> without = sendReferral();
    for (String type : types) {
      // Another consent of hers would replace the one that lets the TB site see her; Binary,
      // Bundle and Subscription refer to no client.
      if (List.of("Consent", "Binary", "Bundle", "Subscription").contains(type)) {
        continue;
      }
      Resource plain = resourceOf(type, "hr-1", "anc-1", withHidden.get("Patient"), UUID.randomUUID().toString());
      Resource referring = pointAtTwin(plain.copy(), withHidden);
      RawHttp harmReduction = httpAs(wideHarmReduction);
      // Where the type's rules refuse the extra references, the resource about her as it is.
      tryCreate(harmReduction, referring).or(() -> tryCreate(harmReduction, plain)).ifPresent(id -> {
        twinReferrers.add(type);
        otherHiddenIds.add(id);
      });
    }
    assertThat(twinReferrers).as("resources about the first twin hidden from the TB site").isNotEmpty();
    for (String type : List.of("Patient", "ServiceRequest", "Task")) {
      for (String id : List.of(withHidden.get(type), without.get(type))) {
        assertThat(readAsTb(type, id)).as("the TB site sees the twin's " + type).isEqualTo(200);
      }
      twins.put("twin " + type, new Twin(withHidden.get(type), without.get(type), aliases(withHidden), aliases(without)));
    }
  }

  private static Map<String, String> aliases(Map<String, String> referral) {
    Map<String, String> aliases = new LinkedHashMap<>();
    referral.forEach((type, id) -> aliases.put(id, "{twin " + type + "}"));
    return aliases;
  }

  /** The resource with its empty references and its lists of references also pointing at the twin's resources. */
  private static Resource pointAtTwin(Resource resource, Map<String, String> twin) {
    for (Property property : resource.children()) {
      if (!property.getTypeCode().startsWith("Reference(")) {
        continue;
      }
      List<String> allowed = List.of(property.getTypeCode().substring("Reference(".length(),
          property.getTypeCode().indexOf(')')).split("\\|"));
      for (String type : List.of("Patient", "ServiceRequest", "Task")) {
        if (!allowed.contains(type) && !allowed.contains("Any") && !allowed.contains("Resource")) {
          continue;
        }
        if (property.getMaxCardinality() > 1 || !property.hasValues()) {
          ((Reference) resource.addChild(property.getName())).setReference(type + "/" + twin.get(type));
          if (property.getMaxCardinality() <= 1) {
            break;
          }
        }
      }
    }
    return resource;
  }

  /** A referral of a new client from the harm reduction site to the TB site, permitted by her consent: ids by type. */
  private Map<String, String> sendReferral() {
    Bundle sent = fhir().transaction().withBundle(ReferralTransactions.newClientReferral(newPseudonym(),
        "hr-1", "tb-1", "tb", "presumptive-tb", Instant.now())).execute();
    Map<String, String> ids = new LinkedHashMap<>();
    for (String type : List.of("Patient", "ServiceRequest", "Task", "Consent")) {
      ids.put(type, idOf(sent, type));
    }
    return ids;
  }

  /** Gives the resource an identifier to search by, where it has one; the identifier value. */
  private static String identify(Resource resource, String pseudonym) {
    if (resource instanceof Patient) {
      return pseudonym;
    }
    if (resource.getNamedProperty("identifier") == null) {
      return null;
    }
    String value = "urn:uuid:" + UUID.randomUUID();
    resource.setProperty("identifier", new Identifier().setSystem(HARNESS_SYSTEM).setValue(value));
    return value;
  }

  /** The status of a read of the resource by the TB site. */
  private int readAsTb(String type, String id) {
    return send(observer(type), "GET", "/fhir/" + type + "/" + id, null, null).status();
  }

  private static Optional<String> tryCreate(RawHttp as, Resource resource) {
    Response created = send(as, "POST", "/fhir/" + resource.fhirType(), FHIR_JSON, json(resource));
    try {
      return created.status() == 201 ? Optional.of(JSON.readTree(created.body()).path("id").asText()) : Optional.empty();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private String create(RawHttp as, Resource resource) {
    Response created = send(as, "POST", "/fhir/" + resource.fhirType(), FHIR_JSON, json(resource));
    assertThat(created.status()).as("created " + resource.fhirType() + ": " + created.body()).isEqualTo(201);
    try {
      return JSON.readTree(created.body()).path("id").asText();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A client of the site registered with create, read, update and search of every clinical type served. */
  private DemoCredentials.Client register(String clientId, String site, List<String> types) {
    try {
      ECKey key = new ECKeyGenerator(Curve.P_384).keyID(clientId + "-key").generate();
      String scope = types.stream().map(type -> "system/" + type + ".crus").collect(Collectors.joining(" "));
      String admin = AccessTokens.of(anonymousHttp(), port, DemoCredentials.client("demo-admin"),
          "system/Organization.cruds");
      Response registered = anonymousHttp().send("PUT", "/admin/clients/" + clientId, "application/json",
          """
          {"organization": "Organization/%s", "role": "site", "scope": "%s", "jwks": %s}"""
              .formatted(site, scope, new JWKSet(key.toPublicJWK()).toString()).getBytes(StandardCharsets.UTF_8),
          "Authorization", "Bearer " + admin);
      assertThat(registered.status()).as("registered " + clientId + ": " + registered.body()).isEqualTo(200);
      return new DemoCredentials.Client(clientId, "Organization/" + site, "site", scope, key);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
