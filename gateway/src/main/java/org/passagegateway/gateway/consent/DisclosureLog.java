package org.passagegateway.gateway.consent;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.passagegateway.gateway.security.Caller;

/**
 * Where every consent decision taken for a request goes: the audit log, which writes it with the
 * request's other events before the response leaves the gateway.
 */
@FunctionalInterface
public interface DisclosureLog {

  /**
   * @param request the request the decision was taken for
   * @param caller who asked
   * @param decided the decision, by the client's consent (never one by custodianship)
   */
  void decided(RequestDetails request, Caller caller, Disclosures.Decided decided);
}
