package org.passagegateway.gateway.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.util.ResourceUtil;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.PackageExamples;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * The reusing validator gives HAPI's messages, word for word and in order: for every package
 * example and every non-conforming instance of the profile tests, validated again and again (past
 * the retirement of its validators), from several threads at once.
 */
class ReusingInstanceValidatorTest extends H2GatewayTest {

  @Autowired FhirContext fhirContext;
  @Autowired @Qualifier("myInstanceValidator") IInstanceValidatorModule hapi;

  @Test
  void whenAnyResourceIsValidatedByBothThenTheMessagesAreHapis() throws Exception {
    FhirValidator stock = validator(hapi);
    FhirValidator reusing = validator(new ReusingInstanceValidator((FhirInstanceValidator) hapi));
    List<Resource> resources = resources();
    // HAPI's first pass warms the shared terminology caches, after which some of its warnings
    // (a display that does not match, a code system it cannot check) are no longer repeated: its
    // second pass is what every later validation answers, by HAPI's validator or this one. The
    // errors, which decide a write, are the same in both.
    List<String> first = new ArrayList<>();
    for (Resource resource : resources) {
      first.add(messages(stock, resource));
    }
    List<String> expected = new ArrayList<>();
    for (Resource resource : resources) {
      expected.add(messages(stock, resource));
    }
    assertThat(expected.stream().map(ReusingInstanceValidatorTest::errors).toList())
        .containsExactlyElementsOf(first.stream().map(ReusingInstanceValidatorTest::errors).toList());
    assertThat(expected).anySatisfy(messages -> assertThat(messages).contains("ERROR"));

    int rounds = ReusingInstanceValidator.USES * 2 / resources.size() + 2;
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      List<Future<List<String>>> runs = new ArrayList<>();
      for (int thread = 0; thread < 3; thread++) {
        runs.add(threads.submit(() -> {
          List<String> found = new ArrayList<>();
          for (int round = 0; round < rounds; round++) {
            for (Resource resource : resources) {
              found.add(messages(reusing, resource));
            }
          }
          return found;
        }));
      }
      for (Future<List<String>> run : runs) {
        List<String> found = run.get();
        for (int i = 0; i < found.size(); i++) {
          assertThat(found.get(i)).as(resources.get(i % resources.size()).fhirType() + " #" + (i % resources.size()))
              .isEqualTo(expected.get(i % resources.size()));
        }
      }
    } finally {
      threads.shutdownNow();
    }
  }

  private static String errors(String messages) {
    return messages.lines().filter(line -> line.startsWith("ERROR") || line.startsWith("FATAL"))
        .collect(java.util.stream.Collectors.joining("\n"));
  }

  private FhirValidator validator(IInstanceValidatorModule module) {
    FhirValidator validator = fhirContext.newValidator();
    validator.setValidateAgainstStandardSchema(false);
    validator.setValidateAgainstStandardSchematron(false);
    validator.registerValidatorModule(module);
    return validator;
  }

  /** The package's examples of profiled types, and every instance the profile tests break. */
  private static List<Resource> resources() {
    List<Resource> resources = new ArrayList<>();
    PackageExamples.all().stream().filter(r -> ProfileValidator.enforcedProfile(r.fhirType()).isPresent())
        .forEach(resources::add);
    ProfileEnforcementTest.invalidInstances().map(Arguments::get).map(arguments -> (Resource) arguments[1])
        .forEach(resources::add);
    return resources;
  }

  private static String messages(FhirValidator validator, Resource original) {
    Resource resource = original.copy();
    ResourceUtil.addRawDataToResource(resource, EncodingEnum.JSON, null);
    StringBuilder text = new StringBuilder();
    for (SingleValidationMessage message : validator.validateWithResult(resource,
        new ValidationOptions().addProfile(ProfileValidator.enforcedProfile(resource.fhirType()).orElseThrow()))
        .getMessages()) {
      text.append(message.getSeverity()).append(' ').append(message.getLocationString()).append(' ')
          .append(message.getMessageId()).append(' ').append(message.getMessage()).append('\n');
    }
    return text.toString();
  }
}
