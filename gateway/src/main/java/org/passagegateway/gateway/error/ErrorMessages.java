package org.passagegateway.gateway.error;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a library's error message fit to send: drops HAPI's internal {@code HAPI-nnnn:} prefix
 * (the Passage code replaces it) and blanks every double-quoted value, so that a message about
 * a bad value never repeats the value — which may be a client's data — into a response or a log.
 */
final class ErrorMessages {

  private static final Pattern HAPI_CODE = Pattern.compile("HAPI-\\d{4}:\\s*");
  // HAPI's [element="name"] marker names an element and is kept; any other quoted text is a value.
  private static final Pattern QUOTED = Pattern.compile("element=\"[^\"]*\"|\"[^\"]*\"");
  private static final Pattern HAPI_CODE_NUMBER = Pattern.compile("HAPI-(\\d{4})");
  private static final int MAX_LENGTH = 500;

  private ErrorMessages() {}

  static String sanitize(String message) {
    if (message == null || message.isBlank()) {
      return "";
    }
    String clean = HAPI_CODE.matcher(message).replaceAll("");
    clean = QUOTED.matcher(clean).replaceAll(m -> m.group().startsWith("element=")
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
