package org.passagegateway.gateway.identity;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code POST Patient/$pseudonym}: a site sends a woman's answers to the network's UIC, one
 * parameter per part; the gateway answers her network pseudonym, derived with a key only it holds.
 * The answers are never stored, logged, audited or repeated, not even in an error; the answer is
 * the same, in content and in work done, whether or not any site already knows her.
 *
 * <p>In, besides the answers: {@code previous} (0..*), a pseudonym one of the site's records of her
 * carried before the gateway issued pseudonyms, which is then linked to her issued one; and {@code
 * second-factor} (0..1), a card number or PIN she holds, for which the answer carries her second
 * factor (an identifier the site records with her pseudonym; records of a pseudonym two women may
 * share are linked only when it matches).
 *
 * <p>Out: {@code pseudonym} (an Identifier of the network pseudonym system), {@code epoch}, one
 * {@code earlier} per earlier key epoch (her pseudonym under it, now linked to the current one),
 * {@code expected-sharing} (how many other women of the network are expected to share her UIC) and
 * {@code confirm-before-linking} (true when that is likely enough that a site must confirm it is
 * her before records are linked).
 */
final class PseudonymOperation {

  /** The input naming a pseudonym the site's record carried before pseudonyms were issued. */
  static final String PREVIOUS = "previous";
  /** The input and output of her second factor: what she holds in, the derived identifier out. */
  static final String SECOND_FACTOR = "second-factor";

  private final FhirContext fhirContext;
  private final UicNormalizer normalizer;
  private final PseudonymIssuer issuer;
  private final PseudonymRegistry registry;
  private final HerRecords records;
  private final CollisionEstimate collisions;
  private final NetworkSize network;
  private final DerivationThrottle throttle;
  private final DerivationAudit audit;
  private final TransactionTemplate transaction;

  PseudonymOperation(FhirContext fhirContext, UicNormalizer normalizer, PseudonymIssuer issuer,
      PseudonymRegistry registry, HerRecords records, CollisionEstimate collisions, NetworkSize network,
      DerivationThrottle throttle, DerivationAudit audit, TransactionTemplate transaction) {
    this.fhirContext = fhirContext;
    this.normalizer = normalizer;
    this.issuer = issuer;
    this.registry = registry;
    this.records = records;
    this.collisions = collisions;
    this.network = network;
    this.throttle = throttle;
    this.audit = audit;
    this.transaction = transaction;
  }

  @Operation(name = "$pseudonym", type = Patient.class, idempotent = false, manualRequest = true)
  public Parameters pseudonym(RequestDetails request) {
    Caller caller = Callers.site(request).orElseThrow(() ->
        PassageError.INTERACTION_NOT_ALLOWED.exception("the operation $pseudonym by a client that is not a site"));
    throttle.acquire(caller.clientId());
    Parameters in = parameters(request);
    // Everything is checked before anything is written: a refused request leaves no trace.
    List<String> previous = previous(in);
    String site = caller.organizationId().orElseThrow();
    for (String legacy : previous) {
      if (!records.siteHolds(legacy, site)) {
        throw PassageError.INVALID_REQUEST.exception("A previous pseudonym names none of this site's client records");
      }
    }
    Optional<String> held = held(in).map(PseudonymIssuer::heldValue);
    String uic = normalizer.normalize(answers(in));
    PseudonymIssuer.Issued issued = transaction.execute(status -> {
      PseudonymIssuer.Issued derived = issuer.issue(uic);
      for (String legacy : previous) {
        // A pseudonym the site's record carried before pseudonyms were issued: now linked to hers, for this site.
        if (!registry.linkEarlier(HerRecords.earlierKey(site, legacy), derived.current())) {
          throw PassageError.INVALID_REQUEST.exception("A previous pseudonym is linked to another woman already");
        }
      }
      audit.derived(caller);
      return derived;
    });
    long women = network.women();
    Parameters out = new Parameters();
    out.addParameter().setName("pseudonym").setValue(identifier(issued.current()));
    out.addParameter().setName("epoch").setValue(new IntegerType(issued.epoch()));
    issued.earlier().values().forEach(pseudonym -> out.addParameter().setName("earlier").setValue(identifier(pseudonym)));
    out.addParameter().setName("expected-sharing")
        .setValue(new DecimalType(Math.round(collisions.expectedSharing(women) * 10_000) / 10_000.0));
    out.addParameter().setName("confirm-before-linking").setValue(new BooleanType(collisions.needsConfirmation(women)));
    held.ifPresent(factor -> out.addParameter().setName(SECOND_FACTOR).setValue(new Identifier()
        .setSystem(PassageTerminology.CLIENT_SECOND_FACTOR).setValue(issuer.secondFactor(issued.current(), factor))));
    return out;
  }

  private static Identifier identifier(String pseudonym) {
    return new Identifier().setSystem(PassageTerminology.CLIENT_PSEUDONYM).setValue(pseudonym);
  }

  private Parameters parameters(RequestDetails request) {
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
    return parameters;
  }

  /** The pseudonyms the site's records carried before pseudonyms were issued ({@code previous}, an Identifier or a string). */
  private static List<String> previous(Parameters parameters) {
    List<String> previous = new ArrayList<>();
    for (Parameters.ParametersParameterComponent parameter : parameters.getParameter()) {
      if (PREVIOUS.equals(parameter.getName())) {
        String value = parameter.getValue() instanceof Identifier identifier ? identifier.getValue()
            : parameter.getValue() instanceof PrimitiveType<?> primitive ? primitive.getValueAsString() : null;
        if (value == null || value.isBlank() || value.length() > 200 || PseudonymFormat.looksIssued(value)) {
          throw PassageError.INVALID_REQUEST.exception(
              "A previous pseudonym is one a client record carried before the gateway issued pseudonyms");
        }
        previous.add(value);
      }
    }
    return previous;
  }

  /** What she holds, when the site sends it ({@code second-factor}, a string): at most one. */
  private static Optional<String> held(Parameters parameters) {
    List<String> held = parameters.getParameter().stream().filter(parameter -> SECOND_FACTOR.equals(parameter.getName()))
        .map(parameter -> parameter.getValue() instanceof PrimitiveType<?> value ? value.getValueAsString() : null).toList();
    if (held.size() > 1 || held.stream().anyMatch(value -> value == null || value.isBlank())) {
      throw PassageError.INVALID_REQUEST.exception("A second factor is one card number or PIN, as a string");
    }
    return held.stream().findFirst();
  }

  /** The answers, by part: each parameter's name and its value (a string, code or integer). */
  private Map<String, String> answers(Parameters parameters) {
    Map<String, String> answers = new LinkedHashMap<>();
    for (Parameters.ParametersParameterComponent parameter : parameters.getParameter()) {
      if (PREVIOUS.equals(parameter.getName()) || SECOND_FACTOR.equals(parameter.getName())) {
        continue;
      }
      if (!(parameter.getValue() instanceof PrimitiveType<?> value) || value.getValueAsString() == null
          || answers.put(parameter.getName(), value.getValueAsString()) != null) {
        throw parameter.getName() != null && normalizer.parts().stream().anyMatch(p -> p.code().equals(parameter.getName()))
            ? PassageError.UIC_PART_INVALID.exception(parameter.getName()) : PassageError.UIC_PART_UNKNOWN.exception();
      }
    }
    return answers;
  }
}
