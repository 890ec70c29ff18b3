package org.passagegateway.gateway.config;

import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.r4.model.Bundle;
import org.passagegateway.gateway.error.ResourceIds;
import org.hl7.fhir.r4.model.Meta;

/**
 * The only system-level interaction Passage offers: {@code POST /fhir} with a transaction or
 * batch Bundle. HAPI's own system provider is not registered, because it also serves
 * server-wide history, {@code $expunge}, reindexing and {@code $get-resource-counts}, which would
 * reveal what the caller may not see.
 *
 * @see <a href="https://hl7.org/fhir/R4/http.html#transaction">FHIR transaction</a>
 */
final class TransactionProvider {

  private final IFhirSystemDao<Bundle, Meta> systemDao;

  TransactionProvider(IFhirSystemDao<Bundle, Meta> systemDao) {
    this.systemDao = systemDao;
  }

  /**
   * Processes the Bundle, which is kept with the request ({@link TransactionBundles}) so that a
   * storage hook can name the entry a problem is in ({@code Bundle.entry[n]}).
   */
  @Transaction
  public Bundle transaction(RequestDetails request, @TransactionParam Bundle bundle) {
    ResourceIds.checkEntries(bundle);
    TransactionBundles.remember(request, bundle);
    return systemDao.transaction(request, bundle);
  }
}
