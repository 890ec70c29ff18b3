package org.passagegateway.testdata;

import static org.passagegateway.testdata.NetworkBuilders.client;
import static org.passagegateway.testdata.NetworkBuilders.consent;
import static org.passagegateway.testdata.NetworkBuilders.referral;
import static org.passagegateway.testdata.NetworkBuilders.referralTask;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestPriority;
import org.hl7.fhir.r4.model.Task;
import org.passagegateway.profiles.PassageProfiles;
import org.passagegateway.terminology.PassageTerminology;

/**
 * The transaction a referring site sends for a new client: the client, the referral, its Task and
 * the client's consent, linked by {@code urn:uuid} references, all created together.
 */
public final class ReferralTransactions {

  private ReferralTransactions() {}

  /**
   * A referral of a new client (with the given pseudonym) from one demo site to another for the
   * given service and reason; her consent lets the receiving site see all of it, sensitive
   * categories included.
   */
  public static Bundle newClientReferral(String pseudonym, String fromSite, String toSite, String serviceType,
      String reason, Instant at) {
    return newClientReferral(pseudonym, fromSite, toSite, serviceType, reason, at, List.of());
  }

  /**
   * A referral of a new client, as {@link #newClientReferral(String, String, String, String, String,
   * Instant)}, whose consent withholds the given sensitivity categories from the receiving site.
   */
  public static Bundle newClientReferral(String pseudonym, String fromSite, String toSite, String serviceType,
      String reason, Instant at, List<String> withheldCategories) {
    Patient newClient = client(null, pseudonym, 1995);
    ServiceRequest referral = referral(null, "x", fromSite, toSite, serviceType, ServiceRequestPriority.ROUTINE, at, reason);
    Task task = referralTask(null, referral);
    List<String> permitted = NetworkBuilders.SENSITIVE_CATEGORIES.stream()
        .filter(category -> !withheldCategories.contains(category)).toList();
    Consent consent = consent(null, "x", fromSite, List.of(toSite), permitted, withheldCategories, at);

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

  /**
   * An open referral of a new client: addressed to every site of a kind ({@code performerType})
   * rather than to one site, in their general inbox until one of them claims it; her consent
   * names that kind of site rather than one site.
   */
  public static Bundle newClientOpenReferral(String pseudonym, String fromSite, String siteType, String serviceType,
      String reason, Instant at) {
    Bundle bundle = newClientReferral(pseudonym, fromSite, fromSite, serviceType, reason, at);
    CodeableConcept kind = new CodeableConcept(new Coding(PassageTerminology.SITE_TYPE, siteType, null));
    for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
      if (entry.getResource() instanceof ServiceRequest referral) {
        referral.getPerformer().clear();
        referral.setPerformerType(kind.copy());
      } else if (entry.getResource() instanceof Task task) {
        task.setOwner(null);
        task.addPerformerType(kind.copy());
      } else if (entry.getResource() instanceof Consent consent) {
        consent.getProvision().getActor().clear();
        consent.getProvision().addExtension(PassageProfiles.RECIPIENT_SITE_TYPE, kind.copy());
      }
    }
    return bundle;
  }

  /**
   * A re-referral after a rejection: the referral re-addressed to another site, a new Task {@code
   * partOf} the rejected one, and the client's new consent naming that site, in one transaction.
   */
  public static Bundle reReferral(ServiceRequest referral, Task rejected, String toSite) {
    ServiceRequest readdressed = referral.copy();
    readdressed.getPerformer().clear();
    readdressed.addPerformer(new Reference("Organization/" + toSite));
    Task task = referralTask(null, readdressed);
    task.setStatus(Task.TaskStatus.REQUESTED);
    task.addPartOf(new Reference("Task/" + rejected.getIdElement().getIdPart()));
    java.util.Date now = new java.util.Date();
    task.setAuthoredOn(now);
    task.setLastModified(now);
    Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    String url = "ServiceRequest/" + referral.getIdElement().getIdPart();
    bundle.addEntry().setFullUrl(url).setResource(readdressed).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(url);
    add(bundle, task);
    String client = referral.getSubject().getReferenceElement().getIdPart();
    String custodian = referral.getRequester().getReferenceElement().getIdPart();
    add(bundle, consent(null, client, custodian, List.of(toSite), NetworkBuilders.SENSITIVE_CATEGORIES, List.of(),
        Instant.now()));
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
