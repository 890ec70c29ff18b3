package org.passagegateway.gateway.fuzz;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * What an answer must be, whatever the request: never a 5xx; an error is an OperationOutcome (in
 * JSON or XML) with a {@code PASSAGE-nnnn} code, or at the token endpoint the OAuth error object
 * RFC 6749 prescribes; and an error repeats no value the caller sent, in its body or its headers.
 */
final class AnswerOracle {

  /** A kind of finding, as a report counts them. */
  enum Kind { SERVER_ERROR, NOT_AN_OPERATION_OUTCOME, ECHO, NO_ANSWER }

  /** One answer that broke a rule. */
  record Finding(Kind kind, FuzzRequest request, int status, String detail) {}

  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final Pattern PASSAGE_CODE = Pattern.compile("PASSAGE-\\d{4}");

  List<Finding> judge(FuzzRequest request, WireHttp.Answer answer) {
    List<Finding> findings = new ArrayList<>();
    int status = answer.status();
    if (status >= 500) {
      findings.add(new Finding(Kind.SERVER_ERROR, request, status, first(answer.text(), 300)));
    }
    if (status >= 400) {
      if (!request.method().equals("HEAD")) {
        notAnOutcome(request, answer).ifPresent(detail ->
            findings.add(new Finding(Kind.NOT_AN_OPERATION_OUTCOME, request, status, detail)));
      }
      echo(request, answer).ifPresent(detail -> findings.add(new Finding(Kind.ECHO, request, status, detail)));
    }
    return findings;
  }

  private static Optional<String> notAnOutcome(FuzzRequest request, WireHttp.Answer answer) {
    String type = Optional.ofNullable(answer.header("Content-Type")).orElse("").toLowerCase(Locale.ROOT);
    String text = answer.text();
    if (request.target().startsWith("/auth/token") && request.method().equals("POST") && type.contains("json")
        && isOAuthError(text)) {
      return Optional.empty();
    }
    OperationOutcome outcome;
    try {
      if (type.contains("json")) {
        outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, text);
      } else if (type.contains("xml")) {
        outcome = FHIR.newXmlParser().parseResource(OperationOutcome.class, text);
      } else {
        return Optional.of("Content-Type '" + type + "': " + first(text, 200));
      }
    } catch (DataFormatException | ClassCastException notOne) {
      return Optional.of("not an OperationOutcome: " + first(text, 200));
    }
    boolean coded = outcome.getIssue().stream().flatMap(issue -> issue.getDetails().getCoding().stream())
        .anyMatch(coding -> coding.getCode() != null && PASSAGE_CODE.matcher(coding.getCode()).matches());
    return coded ? Optional.empty() : Optional.of("no PASSAGE code: " + first(text, 200));
  }

  /** RFC 6749 §5.2: a JSON object whose {@code error} is one of the protocol's codes. */
  private static boolean isOAuthError(String text) {
    try {
      return new ObjectMapper().readTree(text).path("error").asText().matches("[a-z_]+");
    } catch (java.io.IOException notJson) {
      return false;
    }
  }

  private static Optional<String> echo(FuzzRequest request, WireHttp.Answer answer) {
    String text = answer.text();
    for (String sent : request.sent()) {
      if (text.contains(sent)) {
        int at = text.indexOf(sent);
        return Optional.of("body repeats " + sent + ": …" + text.substring(Math.max(0, at - 120),
            Math.min(text.length(), at + 40)).replaceAll("\\s+", " ") + "…");
      }
      for (String[] header : answer.headers()) {
        if (header[1].contains(sent)) {
          return Optional.of("header " + header[0] + " repeats " + sent);
        }
      }
    }
    return Optional.empty();
  }

  private static String first(String text, int characters) {
    String flat = text.replaceAll("\\s+", " ");
    return flat.length() <= characters ? flat : flat.substring(0, characters) + "…";
  }
}
