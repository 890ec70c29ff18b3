package org.passagegateway.gateway.conformance;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.passagegateway.gateway.support.H2GatewayTest;

class ReferralTransactionOnH2Test extends H2GatewayTest implements ReferralTransactionContract {
  @Override
  public IGenericClient fhir() {
    return super.fhir();
  }

  @Override
  public String issuedPseudonym() {
    return newPseudonym();
  }
}
