package org.passagegateway.gateway.error;

import java.util.regex.Pattern;

/**
 * Makes a library's error message fit to send: drops HAPI's internal {@code HAPI-nnnn:} prefix
 * (the Passage code replaces it) and blanks every double-quoted value, so that a message about
 * a bad value never repeats the value — which may be a client's data — into a response or a log.
 */
final class ErrorMessages {

  private static final Pattern HAPI_CODE = Pattern.compile("HAPI-\\d{4}:\\s*");
  // A quoted value, except HAPI's own [element="name"] marker, which names an element.
  private static final Pattern QUOTED_VALUE = Pattern.compile("(?<!element=)\"[^\"]*\"");
  private static final Pattern HAPI_CODE_NUMBER = Pattern.compile("HAPI-(\\d{4})");
  private static final int MAX_LENGTH = 500;

  private ErrorMessages() {}

  static String sanitize(String message) {
    if (message == null || message.isBlank()) {
      return "";
    }
    String clean = HAPI_CODE.matcher(message).replaceAll("");
    clean = QUOTED_VALUE.matcher(clean).replaceAll("\"…\"");
    clean = clean.replaceAll("\\s+", " ").trim();
    return clean.length() > MAX_LENGTH ? clean.substring(0, MAX_LENGTH) + "…" : clean;
  }

  /** The HAPI message code ({@code 989} for {@code HAPI-0989}) of a message, or -1. */
  static int hapiCode(String message) {
    if (message == null) {
      return -1;
    }
    var matcher = HAPI_CODE_NUMBER.matcher(message);
    return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
  }
}
