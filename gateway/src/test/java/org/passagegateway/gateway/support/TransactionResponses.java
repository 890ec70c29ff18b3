package org.passagegateway.gateway.support;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;

/** Reads what a transaction response says was written. */
public final class TransactionResponses {

  private TransactionResponses() {}

  /** The id of the (first) resource of this type the transaction wrote, from its entries' locations. */
  public static String idOf(Bundle response, String type) {
    return response.getEntry().stream().map(entry -> new IdType(entry.getResponse().getLocation()))
        .filter(id -> type.equals(id.getResourceType())).findFirst().orElseThrow().getIdPart();
  }
}
