package org.passagegateway.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Passage gateway: a consent-first FHIR R4 referral gateway on HAPI FHIR JPA. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PassageGatewayApplication {

  public static void main(String[] args) {
    SpringApplication.run(PassageGatewayApplication.class, args);
  }
}
