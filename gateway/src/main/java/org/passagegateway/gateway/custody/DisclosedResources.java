package org.passagegateway.gateway.custody;

import java.util.Optional;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.passagegateway.gateway.labeling.ResourceLabels;
import org.passagegateway.gateway.labeling.SecurityLabels;
import org.passagegateway.gateway.consent.LabelledResource;

/**
 * What the consent engine needs to know about a stored resource: whose it is (the client), who
 * holds it (the custodian the gateway recorded) and its labels (as the labeling service stored
 * them).
 */
public final class DisclosedResources {

  private DisclosedResources() {}

  /**
   * The resource as the engine sees it, with the labels stored on it; empty when it cannot be
   * attributed to one client and one custodian (the engine is then never asked: only the custodian
   * sees such a resource).
   */
  static Optional<LabelledResource> of(Resource resource) {
    Optional<String> patient = patientOf(resource);
    Optional<String> custodian = CustodyTags.custodian(resource);
    if (patient.isEmpty() || custodian.isEmpty()) {
      return Optional.empty();
    }
    ResourceLabels labels = SecurityLabels.read(resource);
    String reference = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    return Optional.of(new LabelledResource(reference, patient.get(), custodian.get(), labels.resource(),
        labels.elements()));
  }

  /** The id of the client a clinical resource is about. */
  public static Optional<String> patientOf(Resource resource) {
    if (resource instanceof Patient patient) {
      return Optional.ofNullable(patient.getIdElement().getIdPart());
    }
    Reference subject = null;
    if (resource instanceof ServiceRequest referral) {
      subject = referral.getSubject();
    } else if (resource instanceof Task task) {
      subject = task.getFor();
    } else if (resource instanceof Consent consent) {
      subject = consent.getPatient();
    } else if (resource instanceof EpisodeOfCare episode) {
      subject = episode.getPatient();
    } else if (resource instanceof Condition condition) {
      subject = condition.getSubject();
    } else if (resource instanceof Observation observation) {
      subject = observation.getSubject();
    } else if (resource instanceof Procedure procedure) {
      subject = procedure.getSubject();
    } else if (resource instanceof Encounter encounter) {
      subject = encounter.getSubject();
    }
    if (subject == null || !subject.hasReference()) {
      return Optional.empty();
    }
    IIdType id = subject.getReferenceElement();
    return "Patient".equals(id.getResourceType()) && id.hasIdPart() ? Optional.of(id.getIdPart()) : Optional.empty();
  }
}
