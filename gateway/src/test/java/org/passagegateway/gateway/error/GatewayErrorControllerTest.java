package org.passagegateway.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.RequestDispatcher;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;

/** Errors Spring or the servlet container raise outside HAPI become Passage OperationOutcomes. */
class GatewayErrorControllerTest {

  private final GatewayErrorController controller = new GatewayErrorController(
      new ErrorResponseWriter(FhirContext.forR4Cached()), new ErrorTranslator(),
      new HttpLimitsProperties(DataSize.ofKilobytes(64)));

  @Test
  void whenTheContainerRefusesABodyAsTooLargeThenTheConfiguredLimitIsNamed() {
    ResponseEntity<String> response = controller.error(forwardedWithStatus(413));

    assertThat(response.getStatusCode().value()).isEqualTo(413);
    assertThat(code(response)).isEqualTo("PASSAGE-1002");
    assertThat(response.getBody()).contains("65536 bytes at most");
  }

  @Test
  void whenTheContainerAnswersAStatusThenItMapsToItsPassageCode() {
    assertThat(code(controller.error(forwardedWithStatus(404)))).isEqualTo("PASSAGE-1006");
    assertThat(code(controller.error(forwardedWithStatus(405)))).isEqualTo("PASSAGE-1007");
    assertThat(code(controller.error(forwardedWithStatus(415)))).isEqualTo("PASSAGE-1003");
    assertThat(code(controller.error(forwardedWithStatus(503)))).isEqualTo("PASSAGE-9001");
  }

  @Test
  void whenAnExceptionWasForwardedThenItIsTranslatedWithoutItsMessage() {
    MockHttpServletRequest request = forwardedWithStatus(500);
    request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("client PSN-42 failed"));

    ResponseEntity<String> response = controller.error(request);

    assertThat(response.getStatusCode().value()).isEqualTo(500);
    assertThat(response.getBody()).doesNotContain("PSN-42");
  }

  private static MockHttpServletRequest forwardedWithStatus(int status) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
    request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
    return request;
  }

  private static String code(ResponseEntity<String> response) {
    return FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, response.getBody())
        .getIssueFirstRep().getDetails().getCodingFirstRep().getCode();
  }
}
