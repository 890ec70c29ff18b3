package org.passagegateway.gateway.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.passagegateway.gateway.support.PackageExamples;
import org.passagegateway.gateway.support.DemoWriters;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.springframework.beans.factory.annotation.Autowired;
import java.util.Optional;
import org.passagegateway.profiles.PassageProfiles;

/** Every example in the passage.fhir package conforms to its profile, as the gateway's $validate says. */
class PackageExamplesTest extends H2GatewayTest {

  @Autowired ProfileValidator validator;

  /** The examples of a profile (the examples of an operation's Parameters have none). */
  static Stream<Resource> examples() {
    return PackageExamples.all().stream().filter(example -> example.getMeta().hasProfile());
  }

  @Test
  void whenThePackageIsReadThenEveryProfileHasAnExample() {
    assertThat(PackageExamples.all()).extracting(Resource::fhirType)
        .containsAll(PassageProfiles.ENFORCED.keySet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void whenAnExampleIsValidatedAgainstItsProfileThenThereIsNoError(Resource example) {
    String profile = example.getMeta().getProfile().get(0).getValue();
    Optional<String> writer = DemoWriters.writerOf(example);
    if (writer.isEmpty()) {
      // Audit events are written by the gateway alone, so only its own validator checks them.
      assertThat(validator.errors(example, example.fhirType())).extracting(i -> i.getExpression() + " " + i.getDiagnostics()).isEmpty();
      return;
    }

    OperationOutcome result = fhirAs(writer.get()).operation().onType(example.fhirType()).named("$validate")
        .withParameter(Parameters.class, "resource", example)
        .andParameter("profile", new UriType(profile))
        .returnResourceType(OperationOutcome.class).execute();

    assertThat(result.getIssue()).isNotEmpty();
    assertThat(result.getIssue())
        .filteredOn(i -> i.getSeverity() == IssueSeverity.ERROR || i.getSeverity() == IssueSeverity.FATAL)
        .extracting(i -> i.getExpression() + " " + i.getDiagnostics())
        .as("errors validating %s/%s", example.fhirType(), example.getIdElement().getIdPart())
        .isEmpty();
  }
}
