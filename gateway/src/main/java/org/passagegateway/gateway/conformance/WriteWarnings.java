package org.passagegateway.gateway.conformance;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

/**
 * The warnings a write earned against its profile (a client's name, which the client profile
 * discourages) reach the client: in the OperationOutcome of the response when it asked for one
 * ({@code Prefer: return=OperationOutcome}), beside HAPI's own information issue.
 */
@Interceptor
public final class WriteWarnings {

  private static final String KEY = WriteWarnings.class.getName();

  /** Keeps a write's warnings for its response. */
  public static void add(RequestDetails request, List<OperationOutcomeIssueComponent> warnings) {
    if (request == null || warnings.isEmpty()) {
      return;
    }
    @SuppressWarnings("unchecked")
    List<OperationOutcomeIssueComponent> kept =
        (List<OperationOutcomeIssueComponent>) request.getUserData().computeIfAbsent(KEY, key -> new ArrayList<>());
    kept.addAll(warnings);
  }

  @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
  public boolean respond(RequestDetails request, ResponseDetails response) {
    Object kept = request.getUserData().remove(KEY);
    if (kept instanceof List<?> warnings && response.getResponseResource() instanceof OperationOutcome outcome) {
      for (Object warning : warnings) {
        outcome.addIssue(((OperationOutcomeIssueComponent) warning).copy());
      }
    } else if (kept instanceof List<?> warnings && response.getResponseResource() instanceof Bundle bundle) {
      // A transaction or batch: each warning on the outcome of the entry it is about (its resource type's
      // first entry: warnings name a type, such as the referral Task whose service cannot take her).
      for (Object warning : warnings) {
        OperationOutcomeIssueComponent issue = (OperationOutcomeIssueComponent) warning;
        String type = issue.getExpression().isEmpty() ? "" : issue.getExpression().get(0).getValue().split("\\.")[0];
        bundle.getEntry().stream().filter(entry -> entry.getResponse().hasLocation()
                && entry.getResponse().getLocation().startsWith(type + "/")).findFirst()
            .ifPresent(entry -> {
              if (!(entry.getResponse().getOutcome() instanceof OperationOutcome)) {
                entry.getResponse().setOutcome(new OperationOutcome());
              }
              ((OperationOutcome) entry.getResponse().getOutcome()).addIssue(issue.copy());
            });
      }
    }
    return true;
  }
}
