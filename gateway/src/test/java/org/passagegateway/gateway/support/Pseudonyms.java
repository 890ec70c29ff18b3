package org.passagegateway.gateway.support;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * Network pseudonyms for the tests' clients, issued by the gateway under test as a site would get
 * them ({@code Patient/$pseudonym}), from a made-up woman's answers to the network's UIC.
 */
public final class Pseudonyms {

  private static final FhirContext FHIR = FhirContext.forR4Cached();

  private Pseudonyms() {}

  /** A new woman's pseudonym (random answers: two women of the tests share one with a chance of about 1 in 250 million). */
  public static String issue(RawHttp site) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return issue(site, Map.of("mother-given-name", letters(random), "given-name", letters(random), "sex", "F",
        "birth-year", Integer.toString(1960 + random.nextInt(46)), "birth-month", Integer.toString(1 + random.nextInt(12))));
  }

  /** The pseudonym the gateway issues for these answers, by UIC part. */
  public static String issue(RawHttp site, Map<String, String> answers) {
    RawHttp.Response response = site.send("POST", "/fhir/Patient/$pseudonym", "application/fhir+json",
        FHIR.newJsonParser().encodeResourceToString(parameters(answers)).getBytes(StandardCharsets.UTF_8));
    if (response.status() != 200) {
      throw new IllegalStateException("$pseudonym: HTTP " + response.status() + " " + response.body());
    }
    return ((Identifier) FHIR.newJsonParser().parseResource(Parameters.class, response.body())
        .getParameter("pseudonym").getValue()).getValue();
  }

  /** The Parameters of {@code $pseudonym} for these answers. */
  public static Parameters parameters(Map<String, String> answers) {
    Parameters parameters = new Parameters();
    answers.forEach((part, answer) -> parameters.addParameter().setName(part).setValue(new StringType(answer)));
    return parameters;
  }

  private static String letters(ThreadLocalRandom random) {
    return "" + (char) ('A' + random.nextInt(26)) + (char) ('a' + random.nextInt(26)) + (char) ('a' + random.nextInt(26));
  }
}
