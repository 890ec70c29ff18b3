package org.passagegateway.gateway.foundation;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.passagegateway.gateway.support.PostgresGatewayTest;

class FhirCrudOnPostgresTest extends PostgresGatewayTest implements FhirCrudContract {
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
