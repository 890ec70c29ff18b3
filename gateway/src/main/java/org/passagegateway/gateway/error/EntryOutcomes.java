package org.passagegateway.gateway.error;

import ca.uhn.fhir.jpa.dao.r4.TransactionProcessorVersionAdapterR4;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.r4.model.Bundle;

/**
 * A transaction or batch entry that fails answers as the same request alone would: with the
 * status, Passage code and OperationOutcome that the {@link ErrorTranslator} gives, never HAPI's
 * own text (which differs between a resource that is hidden and one that never existed, and may
 * quote the request). HAPI builds every failed entry's response through this adapter.
 */
final class EntryOutcomes extends TransactionProcessorVersionAdapterR4 {

  private static final String STATUS = EntryOutcomes.class.getName() + ".status";

  private final ErrorTranslator translator;

  EntryOutcomes(ErrorTranslator translator) {
    this.translator = translator;
  }

  @Override
  public void populateEntryWithOperationOutcome(BaseServerResponseException caught, Bundle.BundleEntryComponent entry) {
    Bundle.BundleEntryRequestComponent request = entry.getRequest();
    PassageException translated = translator.translate(caught, true, CallerValues.ofEntry(request.getUrl(),
        request.getIfMatch(), request.getIfNoneMatch(), request.getIfNoneExist()).withBody(entry.getResource()));
    entry.getResponse().setOutcome(translated.getOperationOutcome().copy());
    entry.setUserData(STATUS, translated.getStatusCode());
    super.setResponseStatus(entry, status(translated.getStatusCode()));
  }

  /** HAPI sets a failed entry's status from its own exception after the outcome; the translated one stands. */
  @Override
  public void setResponseStatus(Bundle.BundleEntryComponent entry, String status) {
    Object translated = entry.getUserData(STATUS);
    super.setResponseStatus(entry, translated instanceof Integer code ? status(code) : status);
  }

  private static String status(int code) {
    String name = Constants.HTTP_STATUS_NAMES.get(code);
    return name == null ? Integer.toString(code) : code + " " + name;
  }
}
