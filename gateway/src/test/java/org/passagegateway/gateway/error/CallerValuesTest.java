package org.passagegateway.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** What an error may not repeat: the caller's path, query, headers and body values; FHIR's own words stay. */
class CallerValuesTest {

  @Test
  void whenAMessageQuotesThePathOrQueryThenEveryCallerValueIsReplacedAndFhirWordsStay() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/Patient/Nakamura-7/_history/2");
    request.setQueryString("_has:Task:focus:zq749180=%7Cabc&name=Ana%20Silva");

    CallerValues values = CallerValues.of(request);

    assertThat(values.redact("Don't know how to handle request path: Patient/Nakamura-7/_history/2"))
        .isEqualTo("Don't know how to handle request path: Patient/…/_history/2");
    assertThat(values.redact("Invalid _has parameter syntax: :zq749180 and |abc for Ana Silva"))
        .isEqualTo("Invalid _has parameter syntax: :… and … for …");
  }

  @Test
  void whenTheBodyIsJsonThenItsStringValuesAreCallerValuesEvenWithQuotesInside() {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/fhir/Patient");
    byte[] body = "{\"resourceType\":\"\\\"Zq476531\\\"\",\"gender\":\"hiv-positive\"}".getBytes(StandardCharsets.UTF_8);

    CallerValues values = CallerValues.of(request, body);

    assertThat(values.redactAll("Unknown resource name \"\"Zq476531\"\" or code 'hiv-positive'"))
        .doesNotContain("Zq476531").doesNotContain("hiv-positive");
    assertThat(values.redact("Owner of the referral")).as("Passage's own messages are redacted of the target only")
        .isEqualTo("Owner of the referral");
  }

  @Test
  void whenTheBodyIsMalformedJsonThenItsStringLiteralsAreStillCallerValues() {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/fhir/Patient/$validate");
    byte[] body = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"mode\",\"valueString\":\"\\\"Zq504548\\\"\"},"
        .getBytes(StandardCharsets.UTF_8);

    assertThat(CallerValues.of(request, body).redactAll("Invalid mode value: \"\"Zq504548\"\"")).doesNotContain("Zq504548");
  }

  @Test
  void whenAnEntryUrlIsTheRequestThenItsValuesAreRedacted() {
    CallerValues values = CallerValues.ofEntry("Task/secret-id-42?owner=Organization/zq1", "W/\"zq-etag\"");

    assertThat(values.redact("Task/secret-id-42 owned by Organization/zq1 at zq-etag"))
        .isEqualTo("Task/… owned by … at …");
  }

  @Test
  void whenNothingOfTheCallersIsInTheMessageThenItIsUnchanged() {
    CallerValues values = CallerValues.of(new MockHttpServletRequest("GET", "/fhir/Task"));

    assertThat(values.redact("A valid bearer token is required")).isEqualTo("A valid bearer token is required");
  }
}
