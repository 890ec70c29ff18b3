package org.passagegateway.gateway.labeling;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Optional;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;

/** The referral (ServiceRequest) a Task carries, as written in the same request or as stored (the referral feature provides it). */
@FunctionalInterface
public interface ReferralFocus {

  Optional<ServiceRequest> of(Task task, RequestDetails request);
}
