package org.passagegateway.gateway.conformance;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.passagegateway.gateway.support.PostgresGatewayTest;

class ReferralTransactionOnPostgresTest extends PostgresGatewayTest implements ReferralTransactionContract {
  @Override
  public IGenericClient fhir() {
    return super.fhir();
  }

  @Override
  public String issuedPseudonym() {
    return newPseudonym();
  }
}
