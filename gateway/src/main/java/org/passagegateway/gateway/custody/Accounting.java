package org.passagegateway.gateway.custody;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.List;
import org.hl7.fhir.r4.model.Resource;

/**
 * What a request's consent decisions leave for the audit log: a deny for every refusal the
 * client's consent decided (whether or not the request then succeeded), and a permit for every
 * resource that actually left the gateway in a successful response; nothing for a permit that was
 * only a check (the version an update overwrote, a referral's owner) nor for what a failed request
 * would have shown.
 */
public final class Accounting {

  private Accounting() {}

  /** Notes that the resource, decided by the verdict, is in the response. */
  static void shown(RequestDetails request, Resource shown, Verdict verdict) {
    VisibilityScope.find(request).ifPresent(scope -> scope.shown(VisibilityScope.key(verdict.viewer(), shown)));
  }

  /**
   * The request's decisions to record, each once.
   *
   * @param succeeded whether the response is a success (else only its denials are recorded)
   */
  public static List<Verdict> take(RequestDetails request, boolean succeeded) {
    return VisibilityScope.find(request).map(scope -> {
      List<Verdict> accounted = scope.accounted(succeeded);
      scope.accountedFor();
      return accounted;
    }).orElse(List.of());
  }
}
