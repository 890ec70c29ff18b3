package org.passagegateway.testdata;

import static org.passagegateway.testdata.NetworkBuilders.client;
import static org.passagegateway.testdata.NetworkBuilders.consent;
import static org.passagegateway.testdata.NetworkBuilders.referral;
import static org.passagegateway.testdata.NetworkBuilders.referralTask;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestPriority;
import org.hl7.fhir.r4.model.Task;

/**
 * The transaction a referring site sends for a new client: the client, the referral, its Task and
 * the client's consent, linked by {@code urn:uuid} references, all created together.
 */
public final class ReferralTransactions {

  private ReferralTransactions() {}

  /**
   * A referral of a new client (with the given pseudonym) from one demo site to another for the
   * given service and reason; her consent lets the receiving site see everything but her drug use.
   */
  public static Bundle newClientReferral(String pseudonym, String fromSite, String toSite, String serviceType,
      String reason, Instant at) {
    Patient newClient = client(null, pseudonym, 1995);
    ServiceRequest referral = referral(null, "x", fromSite, toSite, serviceType, ServiceRequestPriority.ROUTINE, at, reason);
    Task task = referralTask(null, referral);
    Consent consent = consent(null, "x", fromSite, List.of(toSite), List.of("ETH"), at);

    Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    Reference clientRef = new Reference(add(bundle, newClient));
    referral.setSubject(clientRef);
    Reference referralRef = new Reference(add(bundle, referral));
    task.setFor(clientRef).setFocus(referralRef);
    add(bundle, task);
    consent.setPatient(clientRef);
    consent.getPerformer().set(0, clientRef);
    add(bundle, consent);
    return bundle;
  }

  private static String add(Bundle bundle, Resource resource) {
    String fullUrl = "urn:uuid:" + UUID.randomUUID();
    resource.setIdElement(null);
    bundle.addEntry().setFullUrl(fullUrl).setResource(resource)
        .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(resource.fhirType());
    return fullUrl;
  }
}
