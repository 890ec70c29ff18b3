package org.passagegateway.gateway.conformance;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.passagegateway.gateway.config.Stages;
import org.passagegateway.gateway.config.TransactionBundles;
import org.passagegateway.gateway.custody.Custodians;
import org.passagegateway.gateway.error.PassageError;

/**
 * Refuses every create and update of a resource that does not conform to its type's Passage
 * profile, with a 422 whose issues carry the FHIRPath expression of each problem.
 *
 * <p>It runs on JPA's pre-storage pointcuts, inside the database transaction: a single write, each
 * entry of a transaction or batch, conditional writes and the gateway's own writes (demo data) all
 * pass through it, and a failing transaction entry rolls the whole transaction back.
 */
@Interceptor
public final class ProfileEnforcementInterceptor {

  private static final String TRANSACTION_VALIDATED = ProfileEnforcementInterceptor.class.getName() + ".transaction";

  private final ProfileValidator validator;

  public ProfileEnforcementInterceptor(ProfileValidator validator) {
    this.validator = validator;
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = Stages.VALIDATION)
  public void created(IBaseResource resource, RequestDetails request) {
    enforce(resource, request);
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = Stages.VALIDATION)
  public void updated(IBaseResource previous, IBaseResource resource, RequestDetails request) {
    // The gateway's own change of a client's party tags leaves her record as it was validated:
    // nothing a profile constrains changes (the tags are never part of what a site sends or sees).
    if (Custodians.isTagChange(request)) {
      return;
    }
    enforce(resource, request);
  }

  private void enforce(IBaseResource resource, RequestDetails request) {
    Optional<Bundle> transaction = TransactionBundles.of(request)
        .filter(bundle -> bundle.getType() == Bundle.BundleType.TRANSACTION);
    if (transaction.isPresent()) {
      enforceTransaction(transaction.get(), request);
      return;
    }
    String prefix = pathPrefix(resource, request);
    long start = System.nanoTime();
    ProfileValidator.Findings findings = validator.findings(resource, prefix);
    List<OperationOutcomeIssueComponent> errors = findings.errors();
    ValidationTiming.add(request, System.nanoTime() - start);
    WriteWarnings.add(request, findings.warnings());
    if (!errors.isEmpty()) {
      String profile = ProfileValidator.enforcedProfile(resource.fhirType()).orElseThrow();
      throw PassageError.PROFILE_VIOLATION.exceptionWithDetails(errors, where(resource, prefix), profile);
    }
  }

  /**
   * Validates a whole transaction at its first write, once, and refuses it naming every entry
   * that does not conform (the whole transaction rolls back).
   */
  private void enforceTransaction(Bundle transaction, RequestDetails request) {
    if (request.getUserData().putIfAbsent(TRANSACTION_VALIDATED, Boolean.TRUE) != null) {
      return;
    }
    long start = System.nanoTime();
    List<ProfileValidator.EntryError> errors = validator.transactionErrors(transaction);
    ValidationTiming.add(request, System.nanoTime() - start);
    if (!errors.isEmpty()) {
      int first = errors.get(0).index();
      String type = transaction.getEntry().get(first).getResource().fhirType();
      throw PassageError.PROFILE_VIOLATION.exceptionWithDetails(
          errors.stream().map(ProfileValidator.EntryError::issue).toList(),
          type + " at Bundle.entry[" + first + "].resource", ProfileValidator.enforcedProfile(type).orElseThrow());
    }
  }

  /** {@code Bundle.entry[n].resource} for an entry of the request's transaction, else the type. */
  private static String pathPrefix(IBaseResource resource, RequestDetails request) {
    Optional<Bundle> transaction = TransactionBundles.of(request);
    if (transaction.isPresent()) {
      List<Bundle.BundleEntryComponent> entries = transaction.get().getEntry();
      for (int i = 0; i < entries.size(); i++) {
        if (entries.get(i).getResource() == resource) {
          return "Bundle.entry[" + i + "].resource";
        }
      }
    }
    return resource.fhirType();
  }

  private static String where(IBaseResource resource, String prefix) {
    return prefix.startsWith("Bundle.") ? resource.fhirType() + " at " + prefix : resource.fhirType();
  }
}
