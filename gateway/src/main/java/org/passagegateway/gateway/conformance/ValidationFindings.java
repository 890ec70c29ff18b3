package org.passagegateway.gateway.conformance;

import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Reads a finding of HAPI's instance validator for an OperationOutcome: the FHIRPath expression
 * of the element it is about, and its FHIR issue type.
 */
final class ValidationFindings {

  private ValidationFindings() {}

  static final Pattern ENTRY = Pattern.compile("Bundle\\.entry\\[(\\d+)]\\.resource");
  private static final Pattern PATH_COMMENT = Pattern.compile("/\\*[^*]*\\*/");

  /** The core validator annotates paths inside a Bundle ({@code .resource/*Task/null*\/.owner}). */
  static String withoutComments(String location) {
    return location == null ? "" : PATH_COMMENT.matcher(location).replaceAll("");
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
