package org.passagegateway.gateway.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * One request of a fuzzing run, as sent on the wire.
 *
 * @param number its place in the run (with the seed, enough to make it again)
 * @param role who sends it (a demo client, or nobody, or a forged token)
 * @param operation the operation of the API surface it was made from
 * @param method the request's method
 * @param target the request target (path and query) exactly as sent, possibly not a legal URL
 * @param headers headers besides Host, Connection and Content-Length
 * @param body the body, or null
 * @param sent values the caller chose that an error answer must never repeat
 */
record FuzzRequest(int number, String role, String operation, String method, String target, List<String[]> headers,
    byte[] body, Set<String> sent) {

  /** The request in one line for a report (the body's first characters only). */
  String describe() {
    String start = body == null ? "" : " body: " + new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8)
        .replaceAll("\\s+", " ");
    StringBuilder headerText = new StringBuilder();
    for (String[] header : headers) {
      if (!header[0].equalsIgnoreCase("Authorization")) {
        headerText.append(" [").append(header[0]).append(": ").append(header[1]).append(']');
      }
    }
    return "#" + number + " as " + role + " (" + operation + "): " + method + " " + target + headerText + start;
  }
}
