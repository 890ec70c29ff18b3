package org.passagegateway.gateway.consent;

import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.passagegateway.gateway.labeling.SecurityLabels;

/**
 * Removes what a decision withholds from a resource about to be shown: each value of a redacted
 * element that carries a withheld label (one reason of a referral, not its other reasons). It
 * leaves no marker, so the recipient cannot tell that, or which category of, anything was
 * withheld.
 */
public final class Redaction {

  private Redaction() {}

  /** Applies the decision to the resource in place. */
  public static void apply(Resource resource, ConsentDecision decision) {
    if (decision.outcome() != ConsentDecision.Outcome.REDACT) {
      return;
    }
    Set<String> withheld = decision.withheldLabels();
    for (String element : decision.redactedElements()) {
      switch (element) {
        case "reasonCode" -> {
          if (resource instanceof ServiceRequest referral) {
            referral.getReasonCode().removeIf(reason -> carries(reason, withheld));
          } else if (resource instanceof Encounter encounter) {
            encounter.getReasonCode().removeIf(reason -> carries(reason, withheld));
          }
        }
        case "managingOrganization" -> {
          if (resource instanceof Patient patient) {
            patient.setManagingOrganization(null);
          }
        }
        default -> throw new IllegalStateException("no redaction for element " + element);
      }
    }
  }

  private static boolean carries(CodeableConcept value, Set<String> labels) {
    List<Coding> inline = value.getExtensionsByUrl(SecurityLabels.INLINE_LABEL).stream()
        .map(extension -> (Coding) extension.getValue()).toList();
    return inline.stream().anyMatch(label -> labels.contains(label.getCode()));
  }
}
