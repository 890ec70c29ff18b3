package org.passagegateway.gateway.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.SingleValidationMessage;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.junit.jupiter.api.Test;

/** How validator findings become FHIRPath expressions and issue types. */
class ValidationFindingsTest {

  @Test
  void whenARequiredElementIsMissingThenTheExpressionNamesTheElementNotItsParent() {
    SingleValidationMessage missing = message("Patient",
        "Patient.identifier: minimum required = 1, but only found 0 (from https://passage-gateway.org/fhir/StructureDefinition/passage-client|0.1.0)",
        "Validation_VAL_Profile_Minimum");

    assertThat(ValidationFindings.location(missing)).isEqualTo("Patient.identifier");
    assertThat(ValidationFindings.issueType(missing)).isEqualTo(IssueType.REQUIRED);
  }

  @Test
  void whenARequiredSliceIsMissingThenTheSliceNameIsDropped() {
    SingleValidationMessage slice = message("Patient",
        "Slice 'Patient.identifier:pseudonym': a matching slice is required, but not found", "Validation_VAL_Profile_MinimumSlice");

    assertThat(ValidationFindings.location(slice)).isEqualTo("Patient.identifier");
  }

  @Test
  void whenAMissingElementIsNestedThenTheIndexedParentIsKept() {
    SingleValidationMessage nested = message("Consent.provision.provision[0]",
        "Consent.provision.provision.type: minimum required = 1, but only found 0", "Validation_VAL_Profile_Minimum");

    assertThat(ValidationFindings.location(nested)).isEqualTo("Consent.provision.provision[0].type");
  }

  @Test
  void whenTheMessageNamesNoElementThenTheLocationIsUsed() {
    SingleValidationMessage invariant = message("Organization",
        "Constraint failed: passage-shelter-no-address: 'A women's shelter publishes no address.'", "http://hl7.org/fhir/StructureDefinition/x");

    assertThat(ValidationFindings.location(invariant)).isEqualTo("Organization");
    assertThat(ValidationFindings.issueType(invariant)).isEqualTo(IssueType.INVARIANT);
  }

  @Test
  void whenAnEntryOfABundleLacksAnElementThenTheExpressionStartsAtTheEntryWithoutValidatorComments() {
    SingleValidationMessage missing = message("Bundle.entry[1].resource/*ServiceRequest/null*/",
        "ServiceRequest.reasonCode: minimum required = 1, but only found 0", "Validation_VAL_Profile_Minimum");
    SingleValidationMessage wrongTarget = message("Bundle.entry[2].resource/*Task/null*/.owner",
        "Invalid Resource target type. Found Patient, but expected one of ([Organization])", "Reference_REF_BadTargetType");

    assertThat(ValidationFindings.location(missing, "ServiceRequest")).isEqualTo("Bundle.entry[1].resource.reasonCode");
    assertThat(ValidationFindings.location(wrongTarget, "Task")).isEqualTo("Bundle.entry[2].resource.owner");
  }

  @Test
  void whenTheResourceIsATransactionEntryThenTheExpressionStartsAtTheEntry() {
    assertThat(ValidationFindings.expression("Task", "Task.owner", "Bundle.entry[2].resource"))
        .isEqualTo("Bundle.entry[2].resource.owner");
    assertThat(ValidationFindings.expression("Task", "Task", "Bundle.entry[2].resource"))
        .isEqualTo("Bundle.entry[2].resource");
    assertThat(ValidationFindings.expression("Task", "Task.owner", "Task")).isEqualTo("Task.owner");
  }

  private static SingleValidationMessage message(String location, String text, String id) {
    SingleValidationMessage message = new SingleValidationMessage();
    message.setLocationString(location);
    message.setMessage(text);
    message.setMessageId(id);
    return message;
  }
}
