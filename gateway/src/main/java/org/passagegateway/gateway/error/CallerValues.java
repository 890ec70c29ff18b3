package org.passagegateway.gateway.error;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * What the caller put in a request: every path segment, query parameter name and value, value of
 * the headers a client chooses and string value of its body, raw and decoded, whole and in the
 * parts a FHIR server splits them into. An error answer never repeats any of them: {@link #redact} replaces
 * each by "…" in every issue of the error's OperationOutcome, whatever library wrote the message.
 * FHIR's own vocabulary (resource type names, {@code _}-parameters, {@code _history}) is kept:
 * it names where the problem is and tells nothing about anyone.
 */
public final class CallerValues {

  private static final int SHORTEST = 3;
  private static final Pattern PARTS = Pattern.compile("[,|:$/;=&\\s\"'()\\[\\]{}<>*+]+");
  private static final List<String> HEADERS = List.of("Content-Type", "Accept", "Prefer", "If-Match", "If-None-Match",
      "If-None-Exist", "If-Modified-Since", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Prefix");
  private static final Set<String> VOCABULARY = vocabulary();
  private static final CallerValues NONE = new CallerValues(Set.of());
  private static final Pattern XML_VALUE = Pattern.compile("value=\"([^\"]*)\"");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern JSON_STRING = Pattern.compile("\"((?:[^\"\\\\]++|\\\\.)*+)\"");

  /** From the request's target and headers. */
  private final List<String> values;
  /** From its body: redacted from a library's messages only (Passage's own never quote a body). */
  private final List<String> bodyValues;

  private CallerValues(Set<String> values) {
    this(values, Set.of());
  }

  private CallerValues(Set<String> values, Set<String> bodyValues) {
    this.values = longestFirst(values);
    this.bodyValues = longestFirst(bodyValues);
  }

  /** Longest first, so that a value is replaced whole before a part of it is. */
  private static List<String> longestFirst(Set<String> values) {
    return values.stream().sorted(Comparator.comparingInt(String::length).reversed().thenComparing(s -> s)).toList();
  }

  public static CallerValues none() {
    return NONE;
  }

  /** The values of a servlet request: its path (after the context path), query and chosen headers. */
  public static CallerValues of(HttpServletRequest request) {
    Set<String> values = new HashSet<>();
    String path = request.getRequestURI();
    if (path != null) {
      addPath(values, path.substring(Math.min(path.length(), request.getContextPath().length())));
    }
    addQuery(values, request.getQueryString());
    for (String header : HEADERS) {
      String value = request.getHeader(header);
      if (value != null) {
        add(values, value);
      }
    }
    return new CallerValues(values);
  }

  /**
   * The values of a servlet request and of its body: the string values of a JSON body, the
   * {@code value} attributes of an XML one (a body that is neither adds nothing).
   */
  public static CallerValues of(HttpServletRequest request, byte[] body) {
    CallerValues target = of(request);
    if (body == null || body.length == 0) {
      return target;
    }
    Set<String> values = new HashSet<>();
    String text = new String(body, StandardCharsets.UTF_8);
    if (text.stripLeading().startsWith("<")) {
      Matcher attribute = XML_VALUE.matcher(text);
      while (attribute.find()) {
        keepWithParts(values, attribute.group(1));
      }
    } else {
      try {
        collect(JSON.readTree(text), values);
      } catch (IOException notJson) {
        // Malformed JSON a lenient parser may still have read in part: every string literal in it.
        Matcher literal = JSON_STRING.matcher(text);
        while (literal.find()) {
          keepWithParts(values, literal.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
      }
    }
    return new CallerValues(new HashSet<>(target.values), values);
  }

  private static void collect(JsonNode node, Set<String> values) {
    if (node.isTextual()) {
      keepWithParts(values, node.asText());
    }
    for (JsonNode child : node) {
      collect(child, values);
    }
  }

  private static void keepWithParts(Set<String> values, String value) {
    keep(values, value);
    for (String part : PARTS.split(value)) {
      keep(values, part);
    }
  }

  /** The values of a transaction or batch entry's request: its URL and conditional headers. */
  public static CallerValues ofEntry(String url, String... headers) {
    Set<String> values = new HashSet<>();
    if (url != null) {
      int query = url.indexOf('?');
      addPath(values, query < 0 ? url : url.substring(0, query));
      addQuery(values, query < 0 ? null : url.substring(query + 1));
    }
    for (String header : headers) {
      if (header != null) {
        add(values, header);
      }
    }
    return new CallerValues(values);
  }

  /**
   * These values and the request's parameters as HAPI holds them, names and values (an operation's
   * parameters may have been moved there from its body).
   */
  public CallerValues withParameters(java.util.Map<String, String[]> parameters) {
    if (parameters == null || parameters.isEmpty()) {
      return this;
    }
    Set<String> target = new HashSet<>(values);
    parameters.forEach((name, given) -> {
      add(target, name);
      for (String value : given == null ? new String[0] : given) {
        if (value != null) {
          add(target, value);
        }
      }
    });
    return new CallerValues(target, new HashSet<>(bodyValues));
  }

  /** These values and those of a transaction or batch entry's resource, as the values of a body. */
  public CallerValues withBody(org.hl7.fhir.r4.model.Resource resource) {
    if (resource == null) {
      return this;
    }
    Set<String> body = new HashSet<>(bodyValues);
    try {
      collect(JSON.readTree(ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser()
          .encodeResourceToString(resource)), body);
    } catch (IOException | RuntimeException unencodable) {
      return this;
    }
    return new CallerValues(new HashSet<>(values), body);
  }

  /** The text with every value of the request's target and headers in it replaced by "…". */
  public String redact(String text) {
    return redact(text, values);
  }

  /** The text with every caller value, the body's included, replaced by "…". */
  String redactAll(String text) {
    return redact(redact(text, values), bodyValues);
  }

  private static String redact(String text, List<String> values) {
    if (text == null || text.isEmpty() || values.isEmpty()) {
      return text;
    }
    // As sent: matching regardless of case would also blank the gateway's own words ("Passage",
    // "operation") wherever a body happens to hold them.
    String redacted = text;
    for (String value : values) {
      if (redacted.contains(value)) {
        redacted = redacted.replace(value, "…");
      }
    }
    return redacted;
  }

  /**
   * The error, its OperationOutcome's texts and diagnostics redacted (the same error when nothing
   * was to redact).
   *
   * @param fromLibrary whether a library wrote the messages (HAPI's, translated), which may quote
   *     the body too; Passage's own messages are redacted of the target's and headers' values
   */
  public PassageException redact(PassageException error, boolean fromLibrary) {
    boolean findings = fromLibrary || error.error().findingsFromLibrary();
    if (values.isEmpty() && (!findings || bodyValues.isEmpty()) || error.error().fixedText()) {
      return error;
    }
    OperationOutcome outcome = error.getOperationOutcome().copy();
    boolean changed = false;
    List<OperationOutcome.OperationOutcomeIssueComponent> issues = outcome.getIssue();
    for (int i = 0; i < issues.size(); i++) {
      OperationOutcome.OperationOutcomeIssueComponent issue = issues.get(i);
      // A library's text: every issue of a translated error, or a Passage error's findings after its summary.
      boolean library = fromLibrary || (findings && i > 0);
      if (issue.getDetails().hasText()) {
        String text = library ? redactAll(issue.getDetails().getText()) : redact(issue.getDetails().getText());
        changed |= !text.equals(issue.getDetails().getText());
        issue.getDetails().setText(text);
      }
      if (issue.hasDiagnostics()) {
        // The Passage code the diagnostics start with is the gateway's, never the caller's.
        String prefix = issue.getDiagnostics().startsWith(error.error().code() + ": ") ? error.error().code() + ": " : "";
        String message = issue.getDiagnostics().substring(prefix.length());
        String diagnostics = prefix + (library ? redactAll(message) : redact(message));
        changed |= !diagnostics.equals(issue.getDiagnostics());
        issue.setDiagnostics(diagnostics);
      }
    }
    if (!changed) {
      return error;
    }
    PassageException redacted = new PassageException(error.error(), outcome);
    error.getResponseHeaders().forEach((name, values) -> {
      if (!redacted.getResponseHeaders().containsKey(name)) {
        values.forEach(value -> redacted.addResponseHeader(name, value));
      }
    });
    return redacted;
  }

  private static void addPath(Set<String> values, String path) {
    for (String segment : path.split("/")) {
      add(values, segment);
    }
  }

  private static void addQuery(Set<String> values, String query) {
    if (query == null) {
      return;
    }
    for (String parameter : query.split("&")) {
      int equals = parameter.indexOf('=');
      add(values, equals < 0 ? parameter : parameter.substring(0, equals));
      if (equals >= 0) {
        add(values, parameter.substring(equals + 1));
      }
    }
  }

  /** The value raw, decoded both ways ({@code +} as itself and as a space), and each of its parts. */
  private static void add(Set<String> values, String raw) {
    Set<String> forms = new TreeSet<>();
    forms.add(raw);
    forms.add(decode(raw.replace("+", "%2B")));
    forms.add(decode(raw));
    for (String form : forms) {
      keep(values, form);
      keep(values, form.trim());
      for (String part : PARTS.split(form)) {
        keep(values, part);
      }
    }
  }

  private static void keep(Set<String> values, String value) {
    if (value.length() >= SHORTEST && !VOCABULARY.contains(value) && !VOCABULARY.contains(value.toLowerCase(Locale.ROOT))) {
      values.add(value);
    }
  }

  private static String decode(String raw) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return raw;
    }
  }

  private static Set<String> vocabulary() {
    Set<String> words = new HashSet<>(FhirContext.forR4Cached().getResourceTypes());
    words.addAll(List.of("http", "https", "www", "urn", "uuid", "oid", "fhir", "_history", "_search", "metadata", "application", "fhir+json", "fhir+xml", "json", "xml",
        "charset", "utf-8", "return", "representation", "minimal", "operationoutcome", "handling", "strict", "lenient",
        "_count", "_offset", "_include", "_revinclude", "_sort", "_summary", "_elements", "_format", "_pretty", "_total",
        "_id", "_lastUpdated", "_has", "_tag", "_security", "_profile", "_since", "_at", "_type", "_list", "_text",
        "_content", "_filter", "_query", "_contained", "_containedType", "true", "false", "count", "text", "data",
        "missing", "exact", "contains", "not", "above", "below", "identifier", "admin", "clients", "auth", "token",
        "audit", "export", "packages", "actuator", "health", "jwks"));
    return Set.copyOf(words);
  }
}
