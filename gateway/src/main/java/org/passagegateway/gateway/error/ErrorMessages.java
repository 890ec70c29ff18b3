package org.passagegateway.gateway.error;

import ca.uhn.fhir.context.FhirContext;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a library's error message fit to send: drops HAPI's internal {@code HAPI-nnnn:} prefix
 * (the Passage code replaces it) and blanks every quoted value, double- or single-quoted (Jackson
 * and HAPI's enumerations quote with single quotes: "Unrecognized token 'x'", "Unknown ... code
 * 'x'"), so that a message about a bad value never repeats the value — which may be a client's
 * data — into a response or a log. An element's name in HAPI's {@code element="name"} marker is
 * kept: it names where the problem is.
 */
final class ErrorMessages {

  private static final Pattern HAPI_CODE = Pattern.compile("HAPI-\\d{4}:\\s*");
  // HAPI's [element="name"] marker names an element of the resource and is kept; any other quoted
  // text is a value ("Unknown element 'x'" quotes a name the caller made up).
  private static final Pattern QUOTED =
      Pattern.compile("element=\"[^\"]*\"|\"(?:[^\"\\\\]++|\\\\.)*+\"|'(?:[^'\\\\]++|\\\\.)*+'");
  private static final Pattern HAPI_CODE_NUMBER = Pattern.compile("HAPI-(\\d{4})");
  private static final int MAX_LENGTH = 500;

  private ErrorMessages() {}

  // What the instance validator may quote and we keep: element paths and canonical URLs of
  // definitions. Anything else it quotes ('…' or "…") is a value from the request.
  private static final String INVARIANT_MARK = "\u0000invariant\u0000";
  private static final Pattern INVARIANT = Pattern.compile("Constraint failed: ([A-Za-z0-9.-]+): '(.*?)'(?= \\(defined in|$)");
  private static final Pattern VALIDATOR_QUOTED = Pattern.compile("'([^']*)'|\"([^\"]*)\"");
  // An element path: a FHIR resource or data type, then at least one element ("Patient.birthDate").
  // A lone capitalized word is not kept: it may be a value such as a family name.
  private static final Pattern ELEMENT_PATH =
      Pattern.compile("([A-Z][A-Za-z]+)(\\.[A-Za-z][A-Za-z0-9\\[\\]:@_-]*(\\([^)]*\\))?)+");
  private static final Pattern DEFINITION_URL = Pattern.compile(
      "https?://[^\\s'\"#]+/(StructureDefinition|ValueSet|CodeSystem)/[A-Za-z0-9._-]+(\\|[0-9A-Za-z.-]+)?");

  /**
   * Makes a message of HAPI's instance validator fit to send: keeps the element paths and the
   * canonical URLs it quotes, and blanks every other quoted text, which is a value.
   */
  static String sanitizeValidation(String message) {
    if (message == null || message.isBlank()) {
      return "";
    }
    // An invariant's own description, from a Passage or FHIR profile, is not a value: kept.
    Matcher invariant = INVARIANT.matcher(message);
    String description = invariant.find() ? invariant.group(2) : null;
    if (description != null) {
      message = message.substring(0, invariant.start(2) - 1) + INVARIANT_MARK + message.substring(invariant.end(2) + 1);
    }
    String clean = VALIDATOR_QUOTED.matcher(message).replaceAll(m -> {
      String quoted = m.group(1) != null ? m.group(1) : m.group(2);
      boolean keep = isElementPath(quoted) || DEFINITION_URL.matcher(quoted).matches();
      return Matcher.quoteReplacement(keep ? m.group() : "'…'");
    });
    if (description != null) {
      clean = clean.replace(INVARIANT_MARK, "'" + description + "'");
    }
    clean = clean.replaceAll("\\s+", " ").trim();
    return clean.length() > MAX_LENGTH ? clean.substring(0, MAX_LENGTH) + "…" : clean;
  }

  private static boolean isElementPath(String text) {
    Matcher path = ELEMENT_PATH.matcher(text);
    if (!path.matches()) {
      return false;
    }
    FhirContext fhir = FhirContext.forR4Cached();
    String type = path.group(1);
    return fhir.getResourceTypes().contains(type) || fhir.getElementDefinition(type) != null;
  }

  static String sanitize(String message) {
    if (message == null || message.isBlank()) {
      return "";
    }
    String clean = HAPI_CODE.matcher(message).replaceAll("");
    clean = QUOTED.matcher(clean).replaceAll(m -> m.group().startsWith("element")
        ? Matcher.quoteReplacement(m.group()) : "\"…\"");
    clean = clean.replaceAll("\\s+", " ").trim();
    return clean.length() > MAX_LENGTH ? clean.substring(0, MAX_LENGTH) + "…" : clean;
  }

  /**
   * The HAPI message codes ({@code 989} for {@code HAPI-0989}) in a message, outermost first:
   * HAPI wraps exceptions and prefixes its own code to the cause's message.
   */
  static Set<Integer> hapiCodes(String message) {
    Set<Integer> codes = new LinkedHashSet<>();
    if (message != null) {
      Matcher matcher = HAPI_CODE_NUMBER.matcher(message);
      while (matcher.find()) {
        codes.add(Integer.parseInt(matcher.group(1)));
      }
    }
    return codes;
  }
}
