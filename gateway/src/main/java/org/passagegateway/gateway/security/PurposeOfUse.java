package org.passagegateway.gateway.security;

import java.util.Optional;
import java.util.Set;

/**
 * The purposes of use a client may state for its requests (Passage's purpose-of-use value set,
 * HL7 v3 ActReason): treatment, coordination of care, the patient's own request, and healthcare
 * compliance. The value set's fifth, health program reporting (HPRGRP), is not among them: it is
 * the purpose of the network's indicators, which a consent names only to deny (consent's {@code
 * StatisticsUse}), and no request is made for it. A client states one when it asks for a token ({@code purpose_of_use}); its token
 * carries it and every request made with that token is decided for it. A request without one is
 * decided as the consent engine decides missing context: for the least any purpose would get.
 */
public final class PurposeOfUse {

  /** The access token claim (the name IHE IUA gives it). */
  public static final String CLAIM = "purpose_of_use";
  public static final Set<String> CODES = Set.of("TREAT", "COC", "PATRQT", "HCOMPL");

  private PurposeOfUse() {}

  /** The stated purpose, if it is one of {@link #CODES} (given as a code or as {@code system|code} of v3 ActReason). */
  static Optional<String> parse(String stated) {
    if (stated == null) {
      return Optional.empty();
    }
    String code = stated.startsWith("http://terminology.hl7.org/CodeSystem/v3-ActReason|")
        ? stated.substring(stated.indexOf('|') + 1) : stated;
    return CODES.contains(code) ? Optional.of(code) : Optional.empty();
  }
}
