package org.passagegateway.gateway.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;

/**
 * Says in the CapabilityStatement how to authenticate: {@code rest.security} names the SMART on
 * FHIR service and carries the token endpoint in the {@code oauth-uris} extension, beside the
 * {@code .well-known/smart-configuration} document.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/conformance.html">SMART conformance</a>
 */
@Interceptor
final class SmartCapabilities {

  static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";
  private static final String SECURITY_SERVICE = "http://terminology.hl7.org/CodeSystem/restful-security-service";

  private final GatewayUrls urls;

  SmartCapabilities(GatewayUrls urls) {
    this.urls = urls;
  }

  @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
  public void describe(IBaseConformance generated, ServletRequestDetails request) {
    CapabilityStatement statement = (CapabilityStatement) generated;
    for (CapabilityStatement.CapabilityStatementRestComponent rest : statement.getRest()) {
      CapabilityStatement.CapabilityStatementRestSecurityComponent security = rest.getSecurity();
      security.getService().clear();
      security.getExtension().removeIf(extension -> OAUTH_URIS.equals(extension.getUrl()));
      security.addService(new CodeableConcept(new Coding(SECURITY_SERVICE, "SMART-on-FHIR", "SMART on FHIR")));
      security.setDescription("SMART Backend Services: client_credentials with a private_key_jwt assertion (ES384 or RS384) "
          + "at the token endpoint; every request but this CapabilityStatement needs the bearer token");
      Extension oauth = security.addExtension().setUrl(OAUTH_URIS);
      oauth.addExtension("token", new UriType(urls.tokenEndpoint(request.getServletRequest())));
    }
  }
}
