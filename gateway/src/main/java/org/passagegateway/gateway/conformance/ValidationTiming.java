package org.passagegateway.gateway.conformance;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;

/**
 * Reports how long profile validation took for a request in a W3C {@code Server-Timing} header
 * ({@code Server-Timing: validation;dur=12.4}, milliseconds), summed over every resource the
 * request wrote (all entries of a transaction). Off by default ({@code
 * passage.validation.server-timing}); the validation benchmark turns it on.
 *
 * @see <a href="https://www.w3.org/TR/server-timing/">Server Timing</a>
 */
@Interceptor
public final class ValidationTiming {

  private static final String KEY = ValidationTiming.class.getName();

  /** Adds validation time to the request (HAPI shares user data with a transaction's entries). */
  static void add(RequestDetails request, long nanos) {
    if (request != null) {
      request.getUserData().merge(KEY, nanos, (a, b) -> (Long) a + (Long) b);
    }
  }

  @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
  public boolean report(RequestDetails request, HttpServletResponse response) {
    Object nanos = request.getUserData().get(KEY);
    if (nanos instanceof Long total && response != null) {
      response.addHeader("Server-Timing", String.format(Locale.ROOT, "validation;dur=%.3f", total / 1_000_000.0));
    }
    return true;
  }
}
