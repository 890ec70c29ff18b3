package org.passagegateway.gateway.conformance;

import ca.uhn.fhir.context.FhirContext;
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
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.UriType;

/**
 * Makes {@code $validate} on a profiled type validate against its Passage profile when the caller
 * names no profile, so that {@code $validate} answers what a write would: an integration engineer
 * checks a payload before sending it.
 */
@Interceptor
public final class DefaultValidationProfile {

  private static final String PROFILE = "profile";

  private final FhirContext fhirContext;

  public DefaultValidationProfile(FhirContext fhirContext) {
    this.fhirContext = fhirContext;
  }

  /** Runs after HAPI has chosen the method and before it reads the operation's parameters. */
  @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
  public boolean addDefaultProfile(RequestDetails request) {
    if (Constants.EXTOP_VALIDATE.equals(request.getOperation()) && request.getResourceName() != null) {
      ProfileValidator.enforcedProfile(request.getResourceName())
          .filter(profile -> !request.getParameters().containsKey(PROFILE))
          .ifPresent(profile -> addProfile(request, profile));
    }
    return true;
  }

  private void addProfile(RequestDetails request, String profile) {
    Optional<Parameters> parameters = parametersBody(request);
    if (parameters.isEmpty()) {
      Map<String, String[]> withProfile = new HashMap<>(request.getParameters());
      withProfile.put(PROFILE, new String[] {profile});
      request.setParameters(withProfile);
    } else if (parameters.get().getParameter().stream().noneMatch(p -> PROFILE.equals(p.getName()))) {
      parameters.get().addParameter().setName(PROFILE).setValue(new UriType(profile));
      request.setRequestContents(
          parser(request).encodeResourceToString(parameters.get()).getBytes(StandardCharsets.UTF_8));
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
