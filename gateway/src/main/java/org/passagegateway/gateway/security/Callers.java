package org.passagegateway.gateway.security;

import ca.uhn.fhir.jpa.model.util.JpaConstants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.Optional;
import org.passagegateway.gateway.error.PassageError;

/**
 * The authenticated caller of a FHIR request, kept in the request's user data by {@link
 * FhirAuthentication}. Sub-requests of a transaction share their parent's user data, so they have
 * the same caller. A request the gateway makes itself ({@code SystemRequestDetails}) has none.
 */
public final class Callers {

  private static final String KEY = Callers.class.getName();
  private static final String ON_BEHALF_OF = Callers.class.getName() + ".onBehalfOf";

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

  /**
   * A request the gateway makes itself to carry out a caller's action (the writes of an operation
   * such as {@code $claim} or {@code $revoke}): it passes no caller's checks (the operation made
   * them), the caller is the agent the audit log names, and the gateway's tags it writes replace
   * the stored ones.
   */
  public static SystemRequestDetails onBehalfOf(Caller caller) {
    SystemRequestDetails request = new SystemRequestDetails();
    request.getUserData().put(ON_BEHALF_OF, caller);
    request.addHeader(JpaConstants.HEADER_META_SNAPSHOT_MODE, "TAG");
    return request;
  }

  /** Who a request acts for: its caller, or the caller a gateway request acts on behalf of. */
  public static Optional<Caller> agent(RequestDetails request) {
    return of(request).or(() -> Optional.ofNullable(request == null ? null : (Caller) request.getUserData().get(ON_BEHALF_OF)));
  }

  /** The site caller of the request, if the caller is a site. */
  public static Optional<Caller> site(RequestDetails request) {
    return of(request).filter(caller -> caller.role() == Role.SITE);
  }
}
