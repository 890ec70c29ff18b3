package org.passagegateway.gateway.demo;

import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.passagegateway.gateway.security.SiteParties;
import org.passagegateway.testdata.DemoNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the demo network of {@code test-data} in one transaction. Every entry is a PUT to a
 * fixed id with fixed content, and HAPI stores no new version of an unchanged resource, so
 * loading it again at every start changes nothing.
 */
public final class DemoNetworkLoader {

  private static final Logger log = LoggerFactory.getLogger(DemoNetworkLoader.class);

  private final IFhirSystemDao<Bundle, Meta> systemDao;

  public DemoNetworkLoader(IFhirSystemDao<Bundle, Meta> systemDao) {
    this.systemDao = systemDao;
  }

  public Bundle load() {
    Bundle network = DemoNetwork.asTransaction();
    // Written by the gateway itself, so the custodian each site's system would get is recorded here.
    for (Bundle.BundleEntryComponent entry : network.getEntry()) {
      DemoNetwork.custodianOf(entry.getResource()).ifPresent(site -> SiteParties.record(entry.getResource(), site));
    }
    Bundle response = systemDao.transaction(new SystemRequestDetails(), network);
    long created = response.getEntry().stream()
        .filter(e -> e.getResponse().getStatus().startsWith("201"))
        .count();
    log.info("Demo network loaded: {} resources, {} of them new", response.getEntry().size(), created);
    return response;
  }
}
