package org.passagegateway.gateway.error;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.regex.Pattern;

/**
 * A resource id in the URL must be a FHIR id (1 to 64 letters, digits, '-' or '.'): a request
 * naming any other is refused with 400 before anything reads or writes, whatever the resource, so
 * that no resource is ever stored under an id the HTTP headers of its answer cannot carry, and the
 * answer is the same whether or not such a resource could exist. The id is not repeated.
 */
@Interceptor
final class ResourceIds {

  private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
  public boolean check(RequestDetails request) {
    if (request.getId() != null && request.getId().hasIdPart() && !FHIR_ID.matcher(request.getId().getIdPart()).matches()) {
      throw PassageError.INVALID_REQUEST.exception(
          "The resource id in the URL is not a FHIR id (1 to 64 letters, digits, '-' or '.')");
    }
    return true;
  }
}
