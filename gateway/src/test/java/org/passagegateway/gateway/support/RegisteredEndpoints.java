package org.passagegateway.gateway.support;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.UUID;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.passagegateway.testdata.NetworkBuilders;

/** What a network's admin does before a site may subscribe: register the site's endpoint in the directory. */
public final class RegisteredEndpoints {

  private RegisteredEndpoints() {}

  /** Registers an active Endpoint at the address for the site, with the headers to send there; answers its id. */
  public static String register(IGenericClient admin, String site, String address, String... headers) {
    String id = "ep-" + UUID.randomUUID().toString().substring(0, 8);
    admin.update().resource(NetworkBuilders.endpoint(id, site, address, headers)).execute();
    Organization organization = admin.read().resource(Organization.class).withId(site).execute();
    organization.addEndpoint(new Reference("Endpoint/" + id));
    admin.update().resource(organization).execute();
    return id;
  }
}
