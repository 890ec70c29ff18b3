package org.passagegateway.gateway.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.util.ResourceUtil;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.IValidatorModule;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.passagegateway.gateway.error.OperationOutcomes;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.profiles.PassageProfiles;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * Validates a resource against the Passage profile of its type with HAPI's instance validator,
 * offline: the profiles, their generated snapshots and the terminology come from the installed
 * {@code passage.fhir} package and HAPI's R4 definitions.
 */
public final class ProfileValidator {

  private static final Logger log = LoggerFactory.getLogger(ProfileValidator.class);

  private final FhirValidator validator;
  private final Optional<SureConformance> compiled;
  private final LongAdder genericValidations = new LongAdder();

  public ProfileValidator(FhirContext fhirContext, IValidatorModule instanceValidator) {
    this(fhirContext, instanceValidator, Optional.empty());
  }

  /**
   * @param compiled the compiled profiles, which spare the generic validator a resource they find
   *     surely conforming (its answer would be no error and no warning of Passage's)
   */
  public ProfileValidator(FhirContext fhirContext, IValidatorModule instanceValidator, Optional<SureConformance> compiled) {
    this.compiled = compiled;
    this.validator = fhirContext.newValidator();
    this.validator.setValidateAgainstStandardSchema(false);
    this.validator.setValidateAgainstStandardSchematron(false);
    this.validator.registerValidatorModule(instanceValidator);
  }

  /** The profile the gateway enforces for this resource type, if any. */
  public static Optional<String> enforcedProfile(String resourceType) {
    return Optional.ofNullable(PassageProfiles.ENFORCED.get(resourceType));
  }

  /**
   * The errors of a resource against its type's Passage profile, as issues whose expression is
   * prefixed with {@code pathPrefix} (the resource's own type when it was sent alone, or {@code
   * Bundle.entry[n].resource} inside a transaction). Empty when it conforms or has no profile.
   */
  public List<OperationOutcomeIssueComponent> errors(IBaseResource resource, String pathPrefix) {
    return findings(resource, pathPrefix).errors();
  }

  /**
   * What validation found: the errors that refuse the write and the warnings it earned (a
   * profile's "should not", such as a client's name), each as an issue.
   */
  public record Findings(List<OperationOutcomeIssueComponent> errors, List<OperationOutcomeIssueComponent> warnings) {}

  /** The errors and warnings of a resource against its type's Passage profile (see {@link #errors}). */
  public Findings findings(IBaseResource resource, String pathPrefix) {
    String type = resource.fhirType();
    Optional<String> profile = enforcedProfile(type);
    if (profile.isEmpty()) {
      return new Findings(List.of(), List.of());
    }
    if (compiled.isPresent()) {
      Optional<String> doubt = compiled.get().doubt(resource, profile.get(), null);
      if (doubt.isEmpty()) {
        return new Findings(List.of(), List.of());
      }
      log.debug("A {} goes to the generic validator: {}", type, doubt.get());
    }
    genericValidations.increment();
    // HAPI's validator prefers the raw text the resource was parsed from; the gateway validates
    // what it is about to store, which may differ (authorship filled in from the access token).
    // No raw text, and JSON as the encoding the validator re-encodes it in: clearing the raw text
    // alone leaves the encoding it was received in (XML), and HAPI then parses its JSON as XML.
    ResourceUtil.addRawDataToResource(resource, EncodingEnum.JSON, null);
    List<OperationOutcomeIssueComponent> issues = new ArrayList<>();
    List<OperationOutcomeIssueComponent> warnings = new ArrayList<>();
    for (SingleValidationMessage message :
        validator.validateWithResult(resource, new ValidationOptions().addProfile(profile.get())).getMessages()) {
      if (isError(message.getSeverity())) {
        issues.add(OperationOutcomes.validationIssue(PassageError.PROFILE_VIOLATION, message.getMessage(),
            IssueSeverity.ERROR, ValidationFindings.issueType(message),
            ValidationFindings.expression(type, ValidationFindings.location(message), pathPrefix)));
      } else if (message.getSeverity() == ResultSeverityEnum.WARNING && isPassageFinding(message)) {
        warnings.add(OperationOutcomes.validationIssue(PassageError.PROFILE_VIOLATION, message.getMessage(),
            IssueSeverity.WARNING, ValidationFindings.issueType(message),
            ValidationFindings.expression(type, ValidationFindings.location(message), pathPrefix)));
      }
    }
    return new Findings(issues, warnings);
  }

  /**
   * The errors of a whole transaction, validated in one pass: every entry of a profiled type
   * against its Passage profile, references between entries resolved inside the Bundle. One pass
   * matters for speed: HAPI's validator builds a new instance validator for each call, and each
   * one loads the core library's OID registry (1.5 MB of CSV), which costs about 15 ms. Only
   * problems inside entries of profiled types count; a copy is validated, the request is untouched.
   */
  public List<EntryError> transactionErrors(Bundle transaction) {
    if (compiled.isPresent() && surelyConforming(transaction)) {
      return List.of();
    }
    genericValidations.increment();
    Bundle copy = transaction.copy();
    List<Boolean> profiled = new ArrayList<>();
    for (Bundle.BundleEntryComponent entry : copy.getEntry()) {
      Optional<String> profile = entry.getResource() == null ? Optional.empty() : enforcedProfile(entry.getResource().fhirType());
      profile.filter(url -> !entry.getResource().getMeta().hasProfile(url))
          .ifPresent(url -> entry.getResource().getMeta().addProfile(url));
      profiled.add(profile.isPresent());
    }
    List<EntryError> errors = new ArrayList<>();
    for (SingleValidationMessage message : validator.validateWithResult(copy).getMessages()) {
      Matcher entry = ValidationFindings.ENTRY.matcher(ValidationFindings.withoutComments(message.getLocationString()));
      if (isError(message.getSeverity()) && entry.lookingAt() && profiled.get(Integer.parseInt(entry.group(1)))) {
        int index = Integer.parseInt(entry.group(1));
        String type = copy.getEntry().get(index).getResource().fhirType();
        String location = ValidationFindings.location(message, type);
        errors.add(new EntryError(index, OperationOutcomes.validationIssue(PassageError.PROFILE_VIOLATION,
            message.getMessage(), IssueSeverity.ERROR, ValidationFindings.issueType(message), location)));
      }
    }
    return errors;
  }

  /** Whether the compiled profiles are sure of every profiled entry (why not is logged, without values). */
  private boolean surelyConforming(Bundle transaction) {
    for (Bundle.BundleEntryComponent entry : transaction.getEntry()) {
      if (entry.getResource() == null) {
        continue;
      }
      Optional<String> profile = enforcedProfile(entry.getResource().fhirType());
      Optional<String> doubt = profile.flatMap(url -> compiled.get().doubt(entry.getResource(), url, transaction));
      if (doubt.isPresent()) {
        log.debug("A transaction's {} goes to the generic validator: {}", entry.getResource().fhirType(), doubt.get());
        return false;
      }
    }
    return true;
  }

  /** How many writes (a resource, or a whole transaction) the generic validator has validated. */
  public long genericValidations() {
    return genericValidations.sum();
  }

  /** A problem in entry {@code index} of a transaction. */
  public record EntryError(int index, OperationOutcomeIssueComponent issue) {}

  /** A warning of a Passage profile's own (its invariants), not the core validator's advice on style. */
  private static boolean isPassageFinding(SingleValidationMessage message) {
    return message.getMessage() != null && message.getMessage().contains("passage-");
  }

  private static boolean isError(ResultSeverityEnum severity) {
    return severity == ResultSeverityEnum.ERROR || severity == ResultSeverityEnum.FATAL;
  }
}
