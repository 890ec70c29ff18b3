package org.passagegateway.gateway.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.custody.Custodians;

/** Which writes are validated: every one but the gateway's change of a client's party tags. */
class ProfileEnforcementInterceptorTest {

  private final AtomicInteger validations = new AtomicInteger();
  private final ProfileEnforcementInterceptor interceptor = new ProfileEnforcementInterceptor(countingValidator());

  @Test
  void whenTheGatewayChangesOnlyAClientsPartyTagsThenHerRecordIsNotValidatedAgain() {
    interceptor.updated(new Patient(), new Patient(), Custodians.tagChange());

    assertThat(validations).hasValue(0);
  }

  @Test
  void whenAnyOtherUpdateIsStoredThenItIsValidated() {
    assertThatThrownBy(() -> interceptor.updated(new Patient(), new Patient(), new SystemRequestDetails()))
        .hasMessageContaining("counted");

    assertThat(validations).hasValue(1);
  }

  /** A validator whose every call is counted, then stops the write (so nothing real is validated). */
  private ProfileValidator countingValidator() {
    return new ProfileValidator(FhirContext.forR4Cached(), context -> {
      validations.incrementAndGet();
      throw new IllegalStateException("counted");
    });
  }
}
