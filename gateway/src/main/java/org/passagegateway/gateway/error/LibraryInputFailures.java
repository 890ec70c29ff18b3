package org.passagegateway.gateway.error;

import ca.uhn.fhir.context.ConfigurationException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import jakarta.servlet.ServletException;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.web.firewall.RequestRejectedException;

/**
 * Failures of a library (HAPI, its parsers and terminology providers, Spring's firewall) on input
 * it did not expect: an unchecked exception where a check was missing, which HAPI would answer
 * with a 500. They are the caller's bad input, so a 400; Passage's own code is never excused here
 * (an exception first thrown in Passage stays a 500, to be found and fixed).
 */
final class LibraryInputFailures {

  /** HAPI's code that handles caller input: parameter binding, parsing, its own operation providers, _filter. */
  private static final List<String> INPUT_HANDLING = List.of("ca.uhn.fhir.rest.server.method.", "ca.uhn.fhir.parser.",
      "ca.uhn.fhir.jpa.provider.", "ca.uhn.fhir.jpa.dao.predicate.SearchFilterParser", "ca.uhn.fhir.util.UrlUtil",
      "ca.uhn.fhir.rest.param.", "ca.uhn.fhir.jpa.term.", "ca.uhn.fhir.context.support.");

  /** How deep below the throw the frame that handles caller input may be. */
  private static final int TOP_FRAMES = 12;

  private LibraryInputFailures() {}

  /** The 400 for a library's failure on the caller's input, or empty when it is not one. */
  static Optional<PassageException> classify(Throwable thrown, boolean withBody) {
    Throwable failure = unwrap(thrown);
    if (failure instanceof RequestRejectedException) {
      // Spring Security's firewall, asked by HAPI for the parameters, refused a name or value.
      return Optional.of(PassageError.INVALID_REQUEST.exception("The request's parameters are not ones the gateway accepts"));
    }
    if (!(failure instanceof IllegalArgumentException || failure instanceof NullPointerException
        || failure instanceof IndexOutOfBoundsException || failure instanceof ClassCastException
        || failure instanceof ConfigurationException)) {
      return Optional.empty();
    }
    String handler = firstHandler(failure);
    if (handler.isEmpty()) {
      return Optional.empty();
    }
    if (handler.startsWith("ca.uhn.fhir.parser.") && withBody) {
      return Optional.of(PassageError.MALFORMED_BODY.exception("the body's structure is not that of a FHIR resource"));
    }
    if (handler.startsWith("ca.uhn.fhir.util.UrlUtil")) {
      return Optional.of(PassageError.INVALID_REQUEST.exception("The request's parameters are not validly percent-encoded"));
    }
    return Optional.of(PassageError.INVALID_REQUEST.exception(
        "A parameter of the request is missing or its value is not valid for this interaction"));
  }

  /** The exception a wrapper carries: HAPI's for a provider's exception, reflection's, the servlet's. */
  private static Throwable unwrap(Throwable thrown) {
    Throwable current = thrown;
    for (int depth = 0; depth < 5 && current.getCause() != null && current.getCause() != current; depth++) {
      if (current instanceof InternalErrorException || current instanceof InvocationTargetException
          || current instanceof ServletException) {
        current = current.getCause();
      } else {
        break;
      }
    }
    return current;
  }

  /**
   * The class of the first frame, from the top, that is HAPI handling caller input; empty when
   * Passage's own code comes first (Passage's failure, not the library's) or neither is there.
   */
  private static String firstHandler(Throwable failure) {
    StackTraceElement[] stack = failure.getStackTrace();
    // Only the top of the stack: below, every request runs through HAPI's binding and providers,
    // and a fault deep in storage is a fault, not the caller's input.
    for (StackTraceElement frame : java.util.Arrays.copyOf(stack, Math.min(stack.length, TOP_FRAMES))) {
      String name = frame.getClassName();
      if (name.startsWith("org.passagegateway.")) {
        return "";
      }
      for (String handling : INPUT_HANDLING) {
        if (name.startsWith(handling)) {
          return name;
        }
      }
    }
    return "";
  }
}
