package org.passagegateway.gateway.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Resource;
import org.passagegateway.gateway.custody.Authorship;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.gateway.security.Caller;
import org.passagegateway.gateway.security.CallerAuthentication;
import org.passagegateway.gateway.security.Role;

/**
 * Prepares a {@code $validate} request for HAPI's JPA implementation:
 *
 * <ul>
 *   <li>On a profiled type with no profile named, validates against its Passage profile, so that
 *       {@code $validate} answers what a write would.
 *   <li>Accepts the operation's Parameters form: HAPI 8.8 validates the whole Parameters body
 *       instead of its {@code resource} part, and reads a {@code valueUri} profile as the text
 *       "UriType[…]". The Parameters are turned into the plain form HAPI handles: the resource as
 *       the body, {@code profile} and {@code mode} as URL parameters.
 *   <li>Refuses a profile the server does not know (400), which HAPI would silently ignore when
 *       the resource declares a known one.
 * </ul>
 */
@Interceptor
public final class ValidateRequests {

  private static final String PROFILE = "profile";
  private static final String MODE = "mode";
  private static final String RESOURCE = "resource";

  private final FhirContext fhirContext;
  private final IValidationSupport validationSupport;

  public ValidateRequests(FhirContext fhirContext, IValidationSupport validationSupport) {
    this.fhirContext = fhirContext;
    this.validationSupport = validationSupport;
  }

  /** Runs after HAPI has chosen the method and before it reads the operation's parameters. */
  @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
  public boolean prepare(RequestDetails request) {
    if (!Constants.EXTOP_VALIDATE.equals(request.getOperation()) || request.getResourceName() == null) {
      return true;
    }
    Map<String, String[]> urlParameters = new HashMap<>(request.getParameters());
    parametersBody(request).ifPresent(parameters -> unwrap(request, parameters, urlParameters));
    ProfileValidator.enforcedProfile(request.getResourceName())
        .ifPresent(profile -> urlParameters.putIfAbsent(PROFILE, new String[] {profile}));
    String[] named = urlParameters.get(PROFILE);
    if (named != null && named.length > 0
        && (named[0] == null || named[0].isBlank() || validationSupport.fetchStructureDefinition(named[0]) == null)) {
      // HAPI drops "unknown profile" when the resource declares a known one, and answers "valid".
      throw PassageError.INVALID_REQUEST.exception(
          "The profile named in the profile parameter is not known to this server; its canonical URL must be that of an installed StructureDefinition");
    }
    request.setParameters(urlParameters);
    asWrittenBySite(request);
    return true;
  }

  /**
   * The resource a site validates is checked as its write would be stored: with the authorship
   * elements the gateway fills in from its token (a referral's requester), so that {@code
   * $validate} does not flag what a write would not.
   */
  private void asWrittenBySite(RequestDetails request) {
    Optional<String> site = CallerAuthentication.current().filter(caller -> caller.role() == Role.SITE)
        .flatMap(Caller::organizationId);
    byte[] body = request.loadRequestContents();
    if (site.isEmpty() || body == null || body.length == 0) {
      return;
    }
    try {
      IParser parser = parser(request);
      if (parser.parseResource(new String(body, StandardCharsets.UTF_8)) instanceof Resource resource
          && !(resource instanceof Parameters)) {
        Authorship.asCreatedBy(resource, site.get());
        request.setRequestContents(parser.encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8));
      }
    } catch (DataFormatException e) {
      // HAPI's own binding reports the malformed body.
    }
  }

  private void unwrap(RequestDetails request, Parameters parameters, Map<String, String[]> urlParameters) {
    for (ParametersParameterComponent parameter : parameters.getParameter()) {
      if (RESOURCE.equals(parameter.getName()) && parameter.getResource() != null) {
        byte[] resource = parser(request).encodeResourceToString(parameter.getResource()).getBytes(StandardCharsets.UTF_8);
        request.setRequestContents(resource);
      } else if ((PROFILE.equals(parameter.getName()) || MODE.equals(parameter.getName()))
          && parameter.getValue() instanceof PrimitiveType<?> value) {
        urlParameters.put(parameter.getName(), new String[] {value.getValueAsString()});
      }
    }
  }

  /** The request's body if it is a Parameters resource (the operation's parameters form). */
  private Optional<Parameters> parametersBody(RequestDetails request) {
    byte[] body = request.loadRequestContents();
    if (body == null || body.length == 0) {
      return Optional.empty();
    }
    try {
      IBaseResource parsed = parser(request).parseResource(new String(body, StandardCharsets.UTF_8));
      return parsed instanceof Parameters p ? Optional.of(p) : Optional.empty();
    } catch (DataFormatException e) {
      return Optional.empty(); // HAPI's own binding reports the malformed body
    }
  }

  private IParser parser(RequestDetails request) {
    String text = new String(request.loadRequestContents(), StandardCharsets.UTF_8).stripLeading();
    IParser parser = text.startsWith("<") ? fhirContext.newXmlParser() : fhirContext.newJsonParser();
    return parser.setParserErrorHandler(new LenientErrorHandler(false));
  }
}
