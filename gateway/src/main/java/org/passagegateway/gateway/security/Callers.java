package org.passagegateway.gateway.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Optional;
import org.passagegateway.gateway.error.PassageError;

/**
 * The authenticated caller of a FHIR request, kept in the request's user data by {@link
 * FhirAuthentication}. Sub-requests of a transaction share their parent's user data, so they have
 * the same caller. A request the gateway makes itself ({@code SystemRequestDetails}) has none.
 */
public final class Callers {

  private static final String KEY = Callers.class.getName();

  private Callers() {}

  static void set(RequestDetails request, Caller caller) {
    request.getUserData().put(KEY, caller);
  }

  /** The caller of the request, if it was authenticated. */
  public static Optional<Caller> of(RequestDetails request) {
    return request == null ? Optional.empty() : Optional.ofNullable((Caller) request.getUserData().get(KEY));
  }

  /** The caller of the request; a 401 if there is none. */
  public static Caller require(RequestDetails request) {
    return of(request).orElseThrow(() -> PassageError.AUTHENTICATION_REQUIRED.exception());
  }

  /** The site caller of the request, if the caller is a site. */
  public static Optional<Caller> site(RequestDetails request) {
    return of(request).filter(caller -> caller.role() == Role.SITE);
  }
}
