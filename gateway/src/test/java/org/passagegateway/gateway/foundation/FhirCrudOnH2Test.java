package org.passagegateway.gateway.foundation;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.passagegateway.gateway.support.H2GatewayTest;

class FhirCrudOnH2Test extends H2GatewayTest implements FhirCrudContract {
  @Override
  public IGenericClient fhir() {
    return super.fhir();
  }

  @Override
  public String issuedPseudonym() {
    return newPseudonym();
  }

  @Override
  public IGenericClient admin() {
    return fhirAs(ADMIN);
  }
}
