package org.passagegateway.gateway.config;

import ca.uhn.fhir.rest.server.RestfulServer;

/**
 * A feature's hook into the FHIR server: each feature registers its interceptors and operation
 * providers through a bean of this type, so the server configuration does not know the features.
 */
@FunctionalInterface
public interface RestfulServerCustomizer {
  void customize(RestfulServer server);
}
