package org.passagegateway.gateway.demo;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.passagegateway.gateway.labeling.LabelingRules;
import org.passagegateway.gateway.labeling.ResourceLabeler;
import org.passagegateway.gateway.labeling.ResourceLabels;
import org.passagegateway.gateway.labeling.SecurityLabels;
import org.passagegateway.gateway.security.ResourceCategory;
import org.passagegateway.gateway.config.TransactionBundles;
import org.passagegateway.gateway.custody.Custodians;
import org.passagegateway.gateway.identity.PseudonymIssuer;
import org.passagegateway.terminology.PassageTerminology;
import org.passagegateway.testdata.DemoNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the demo network of {@code test-data} in one transaction: only the resources that are
 * not stored yet (each has a fixed id). What exists is never written again, whatever happened to
 * it since it was loaded (a consent revoked, a referral rejected, a resource deleted), so a
 * restart with the demo on adds what is missing and changes nothing else.
 *
 * <p>Written by the gateway itself, so what a site's request would have recorded is recorded
 * here: the custodian and parties, the security labels (a Task those of its referral), and each
 * referral's owner as a party to the client's record.
 */
public final class DemoNetworkLoader {

  private static final Logger log = LoggerFactory.getLogger(DemoNetworkLoader.class);

  private final IFhirSystemDao<Bundle, Meta> systemDao;
  private final DaoRegistry daos;
  private final LabelingRules rules;
  private final PseudonymIssuer pseudonyms;

  public DemoNetworkLoader(IFhirSystemDao<Bundle, Meta> systemDao, DaoRegistry daos, LabelingRules rules,
      PseudonymIssuer pseudonyms) {
    this.systemDao = systemDao;
    this.daos = daos;
    this.rules = rules;
    this.pseudonyms = pseudonyms;
  }

  /** Stores what is missing of the demo network; answers the transaction's response (empty when nothing was). */
  public Bundle load() {
    Bundle network = DemoNetwork.asTransaction();
    // Each demo client's pseudonym is issued from her UIC, as a site's would be (the same every start: the demo's key).
    for (Bundle.BundleEntryComponent entry : network.getEntry()) {
      if (entry.getResource() instanceof Patient client) {
        String pseudonym = pseudonyms.issue(DemoNetwork.UIC_ANSWERS.get(client.getIdElement().getIdPart())).current();
        client.addIdentifier().setSystem(PassageTerminology.CLIENT_PSEUDONYM).setValue(pseudonym);
      }
    }
    Map<String, Resource> byReference = new HashMap<>();
    network.getEntry().forEach(entry -> byReference.put(entry.getFullUrl(), entry.getResource()));
    network.getEntry().removeIf(entry -> stored(entry.getResource()));
    if (network.getEntry().isEmpty()) {
      log.info("Demo network already loaded: nothing written");
      return new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
    }
    ResourceLabeler labeler = new ResourceLabeler(rules, organization -> siteType(byReference.get("Organization/" + organization)));
    for (Bundle.BundleEntryComponent entry : network.getEntry()) {
      Resource resource = entry.getResource();
      DemoNetwork.custodianOf(resource).ifPresent(site -> Custodians.assign(resource, site));
      if (ResourceCategory.of(resource.fhirType()) == ResourceCategory.CLINICAL) {
        SecurityLabels.record(resource, labels(resource, labeler, byReference), rules);
      }
    }
    SystemRequestDetails loading = new SystemRequestDetails();
    TransactionBundles.remember(loading, network);
    Bundle response = systemDao.transaction(loading, network);
    long created = response.getEntry().stream()
        .filter(e -> e.getResponse().getStatus().startsWith("201"))
        .count();
    log.info("Demo network loaded: {} resources, {} of them new", response.getEntry().size(), created);
    return response;
  }

  /** Whether a resource of this id exists or existed (a deleted one stays deleted). */
  private boolean stored(Resource resource) {
    IFhirResourceDao<?> dao = daos.getResourceDao(resource.fhirType());
    try {
      dao.read(new IdType(resource.fhirType(), resource.getIdElement().getIdPart()), new SystemRequestDetails(), true);
      return true;
    } catch (ResourceNotFoundException absent) {
      return false;
    }
  }

  private static ResourceLabels labels(Resource resource, ResourceLabeler labeler, Map<String, Resource> byReference) {
    if (resource instanceof Task task) {
      return byReference.get(task.getFocus().getReference()) instanceof ServiceRequest referral
          ? new ResourceLabels(labeler.labels(referral).resource(), Map.of()) : ResourceLabels.NONE;
    }
    return labeler.labels(resource);
  }

  private static Optional<String> siteType(Resource organization) {
    return organization instanceof Organization site ? site.getType().stream().flatMap(type -> type.getCoding().stream())
        .filter(coding -> PassageTerminology.SITE_TYPE.equals(coding.getSystem())).map(Coding::getCode).findFirst()
        : Optional.empty();
  }
}
