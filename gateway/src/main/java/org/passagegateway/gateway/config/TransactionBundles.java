package org.passagegateway.gateway.config;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;

/**
 * The transaction or batch Bundle a request is processing, kept in the request's user data, which
 * HAPI shares with the sub-requests it makes for each entry. Storage hooks use it to name the
 * entry a resource came from.
 */
public final class TransactionBundles {

  private static final String KEY = TransactionBundles.class.getName();

  private TransactionBundles() {}

  /** Keeps the Bundle a request processes (the REST transaction provider does; so does a gateway-made transaction). */
  public static void remember(RequestDetails request, Bundle bundle) {
    request.getUserData().put(KEY, bundle);
  }

  /** The Bundle of the transaction or batch this request belongs to, if any. */
  public static Optional<Bundle> of(RequestDetails request) {
    return request == null ? Optional.empty() : Optional.ofNullable((Bundle) request.getUserData().get(KEY));
  }
}
