package org.passagegateway.gateway.identity;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.gateway.security.Caller;
import org.passagegateway.gateway.security.Callers;
import org.passagegateway.terminology.PassageTerminology;

/**
 * {@code POST Patient/$pseudonym}: a site sends a woman's answers to the network's UIC, one
 * parameter per part; the gateway answers her network pseudonym, derived with a key only it holds.
 * The answers are never stored, logged, audited or repeated, not even in an error; the answer is
 * the same, in content and in work done, whether or not any site already knows her.
 *
 * <p>Out: {@code pseudonym} (an Identifier of the network pseudonym system), {@code epoch}, one
 * {@code earlier} per earlier key epoch (her pseudonym under it, now linked to the current one),
 * {@code expected-sharing} (how many other women of the network are expected to share her UIC) and
 * {@code confirm-before-linking} (true when that is likely enough that a site must confirm it is
 * her before records are linked).
 */
final class PseudonymOperation {

  private final FhirContext fhirContext;
  private final UicNormalizer normalizer;
  private final PseudonymIssuer issuer;
  private final PseudonymRegistry registry;
  private final CollisionEstimate collisions;
  private final DerivationThrottle throttle;
  private final DerivationAudit audit;

  PseudonymOperation(FhirContext fhirContext, UicNormalizer normalizer, PseudonymIssuer issuer,
      PseudonymRegistry registry, CollisionEstimate collisions, DerivationThrottle throttle, DerivationAudit audit) {
    this.fhirContext = fhirContext;
    this.normalizer = normalizer;
    this.issuer = issuer;
    this.registry = registry;
    this.collisions = collisions;
    this.throttle = throttle;
    this.audit = audit;
  }

  @Operation(name = "$pseudonym", type = Patient.class, idempotent = false, manualRequest = true)
  public Parameters pseudonym(RequestDetails request) {
    Caller caller = Callers.site(request).orElseThrow(() ->
        PassageError.INTERACTION_NOT_ALLOWED.exception("the operation $pseudonym by a client that is not a site"));
    throttle.acquire(caller.clientId());
    PseudonymIssuer.Issued issued = issuer.issue(answers(request));
    audit.derived(caller);
    long women = registry.women(issued.epoch());
    Parameters out = new Parameters();
    out.addParameter().setName("pseudonym").setValue(identifier(issued.current()));
    out.addParameter().setName("epoch").setValue(new IntegerType(issued.epoch()));
    issued.earlier().values().forEach(pseudonym -> out.addParameter().setName("earlier").setValue(identifier(pseudonym)));
    out.addParameter().setName("expected-sharing")
        .setValue(new DecimalType(Math.round(collisions.expectedSharing(women) * 10_000) / 10_000.0));
    out.addParameter().setName("confirm-before-linking").setValue(new BooleanType(collisions.needsConfirmation(women)));
    return out;
  }

  private static Identifier identifier(String pseudonym) {
    return new Identifier().setSystem(PassageTerminology.CLIENT_PSEUDONYM).setValue(pseudonym);
  }

  /** The answers, by part: each parameter's name and its value (a string, code or integer). */
  private Map<String, String> answers(RequestDetails request) {
    byte[] body = request.loadRequestContents();
    if (body == null || body.length == 0) {
      throw PassageError.UIC_PART_INVALID.exception(normalizer.parts().get(0).code());
    }
    String text = new String(body, StandardCharsets.UTF_8);
    IParser parser = text.stripLeading().startsWith("<") ? fhirContext.newXmlParser() : fhirContext.newJsonParser();
    IBaseResource parsed = parser.parseResource(text);
    if (!(parsed instanceof Parameters parameters)) {
      throw PassageError.INVALID_REQUEST.exception("The body of $pseudonym is a Parameters resource");
    }
    Map<String, String> answers = new LinkedHashMap<>();
    for (Parameters.ParametersParameterComponent parameter : parameters.getParameter()) {
      if (!(parameter.getValue() instanceof PrimitiveType<?> value) || value.getValueAsString() == null
          || answers.put(parameter.getName(), value.getValueAsString()) != null) {
        throw parameter.getName() != null && normalizer.parts().stream().anyMatch(p -> p.code().equals(parameter.getName()))
            ? PassageError.UIC_PART_INVALID.exception(parameter.getName()) : PassageError.UIC_PART_UNKNOWN.exception();
      }
    }
    return answers;
  }
}
