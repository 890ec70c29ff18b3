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
public final class ResourceIds {

  private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

  /** Whether the text is a FHIR id: the one place the gateway says what one is. */
  public static boolean isFhirId(String id) {
    return id != null && FHIR_ID.matcher(id).matches();
  }

  /** Refuses a transaction or batch whose entries name, in their URLs, an id that is not a FHIR id. */
  public static void checkEntries(org.hl7.fhir.r4.model.Bundle bundle) {
    for (int i = 0; i < bundle.getEntry().size(); i++) {
      String url = bundle.getEntry().get(i).getRequest().getUrl();
      String path = url == null ? "" : url.split("\\?", 2)[0];
      org.hl7.fhir.r4.model.IdType target = new org.hl7.fhir.r4.model.IdType(path);
      if (target.hasResourceType() && target.hasIdPart() && !isFhirId(target.getIdPart())) {
        throw PassageError.INVALID_REQUEST.exception("The resource id in Bundle.entry[" + i
            + "].request.url is not a FHIR id (1 to 64 letters, digits, '-' or '.')");
      }
    }
  }

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
  public boolean check(RequestDetails request) {
    if (request.getId() != null && request.getId().hasIdPart() && !isFhirId(request.getId().getIdPart())) {
      throw PassageError.INVALID_REQUEST.exception(
          "The resource id in the URL is not a FHIR id (1 to 64 letters, digits, '-' or '.')");
    }
    return true;
  }
}
