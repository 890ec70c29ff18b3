package org.passagegateway.gateway.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.IValidatorModule;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.passagegateway.gateway.error.OperationOutcomes;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.profiles.PassageProfiles;

/**
 * Validates a resource against the Passage profile of its type with HAPI's instance validator,
 * offline: the profiles, their generated snapshots and the terminology come from the installed
 * {@code passage.fhir} package and HAPI's R4 definitions.
 */
public final class ProfileValidator {

  private final FhirValidator validator;

  public ProfileValidator(FhirContext fhirContext, IValidatorModule instanceValidator) {
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
    String type = resource.fhirType();
    Optional<String> profile = enforcedProfile(type);
    if (profile.isEmpty()) {
      return List.of();
    }
    List<OperationOutcomeIssueComponent> issues = new ArrayList<>();
    for (SingleValidationMessage message :
        validator.validateWithResult(resource, new ValidationOptions().addProfile(profile.get())).getMessages()) {
      if (isError(message.getSeverity())) {
        issues.add(OperationOutcomes.validationIssue(PassageError.PROFILE_VIOLATION, message.getMessage(),
            IssueSeverity.ERROR, issueType(message), expression(type, location(message), pathPrefix)));
      }
    }
    return issues;
  }

  /**
   * The errors of a whole transaction, validated in one pass: every entry of a profiled type
   * against its Passage profile, references between entries resolved inside the Bundle. One pass
   * matters for speed: HAPI's validator builds a new instance validator for each call, and each
   * one loads the core library's OID registry (1.5 MB of CSV), which costs about 20 ms. Only
   * problems inside entries of profiled types count; a copy is validated, the request is untouched.
   */
  public List<EntryError> transactionErrors(Bundle transaction) {
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
      Matcher entry = ENTRY.matcher(withoutComments(message.getLocationString()));
      if (isError(message.getSeverity()) && entry.lookingAt() && profiled.get(Integer.parseInt(entry.group(1)))) {
        int index = Integer.parseInt(entry.group(1));
        String type = copy.getEntry().get(index).getResource().fhirType();
        String location = withoutComments(location(message, type));
        errors.add(new EntryError(index, OperationOutcomes.validationIssue(PassageError.PROFILE_VIOLATION,
            message.getMessage(), IssueSeverity.ERROR, issueType(message), location)));
      }
    }
    return errors;
  }

  /** A problem in entry {@code index} of a transaction. */
  public record EntryError(int index, OperationOutcomeIssueComponent issue) {}

  private static final Pattern ENTRY = Pattern.compile("Bundle\\.entry\\[(\\d+)]\\.resource");
  private static final Pattern PATH_COMMENT = Pattern.compile("/\\*[^*]*\\*/");

  /** The core validator annotates paths inside a Bundle ({@code .resource/*Task/null*\/.owner}). */
  private static String withoutComments(String location) {
    return location == null ? "" : PATH_COMMENT.matcher(location).replaceAll("");
  }

  private static boolean isError(ResultSeverityEnum severity) {
    return severity == ResultSeverityEnum.ERROR || severity == ResultSeverityEnum.FATAL;
  }

  // "Patient.identifier: minimum required = 1…", "Slice 'Patient.identifier:pseudonym': …"
  private static final Pattern MESSAGE_PATH = Pattern.compile("^(?:Slice ')?([A-Z][A-Za-z]*(?:\\.[A-Za-z0-9:@_\\[\\]-]+)+)'?:");

  /**
   * The element a message is about. For a missing element or slice the validator reports the
   * parent as the location and names the element in the message; then the element is taken from
   * the message, without slice names, which FHIRPath does not have.
   */
  static String location(SingleValidationMessage message) {
    return location(message, null);
  }

  /**
   * As {@link #location(SingleValidationMessage)}; inside a Bundle the message names the element
   * from the entry's resource type ({@code Task.owner}) while the location starts at the Bundle.
   */
  static String location(SingleValidationMessage message, String entryType) {
    String location = withoutComments(message.getLocationString());
    if (entryType != null) {
      Matcher entry = ENTRY.matcher(location);
      Matcher path = MESSAGE_PATH.matcher(message.getMessage() == null ? "" : message.getMessage());
      if (entry.lookingAt() && path.find()) {
        String element = path.group(1).replaceAll(":[A-Za-z0-9_-]+", "");
        String inResource = entryType + location.substring(entry.end()).replaceAll("\\[\\d+]", "");
        if (element.startsWith(inResource + ".") && element.indexOf('.', inResource.length() + 1) < 0) {
          return location + element.substring(inResource.length());
        }
      }
      return location;
    }
    Matcher path = MESSAGE_PATH.matcher(message.getMessage() == null ? "" : message.getMessage());
    if (location != null && path.find()) {
      String element = path.group(1).replaceAll(":[A-Za-z0-9_-]+", "");
      String unindexed = location.replaceAll("\\[\\d+]", "");
      if (element.startsWith(unindexed + ".") && element.indexOf('.', unindexed.length() + 1) < 0) {
        return location + element.substring(unindexed.length());
      }
    }
    return location;
  }

  /** Rewrites the validator's location ({@code Patient.birthDate}) under the given prefix. */
  static String expression(String resourceType, String location, String pathPrefix) {
    if (location == null || location.isBlank()) {
      return pathPrefix;
    }
    String relative = location.startsWith(resourceType) ? location.substring(resourceType.length()) : "." + location;
    return pathPrefix + relative;
  }

  /** The FHIR issue type of a validator message (the validator itself reports them all as processing). */
  static IssueType issueType(SingleValidationMessage message) {
    String messageId = message.getMessageId();
    if (message.getMessage() != null && message.getMessage().startsWith("Constraint failed")) {
      return IssueType.INVARIANT;
    }
    if (messageId == null) {
      return IssueType.INVALID;
    }
    if (messageId.startsWith("Terminology_") || messageId.contains("_TX_") || messageId.contains("Code")) {
      return IssueType.CODEINVALID;
    }
    if (messageId.contains("Minimum") || messageId.contains("Required")) {
      return IssueType.REQUIRED;
    }
    if (messageId.startsWith("Reference_")) {
      return IssueType.INVALID;
    }
    if (messageId.contains("Inv") || messageId.contains("invariant")) {
      return IssueType.INVARIANT;
    }
    return IssueType.INVALID;
  }
}
