package org.passagegateway.gateway.directory;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.passagegateway.gateway.config.Stages;
import org.passagegateway.gateway.conformance.WriteWarnings;
import org.passagegateway.gateway.directory.DirectoryProperties.Unfit;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.gateway.referral.ReferralDirectory;
import org.passagegateway.gateway.security.Callers;
import org.passagegateway.terminology.PassageTerminology;

/**
 * Up front, not after: when a site sends a referral Task to a site (created requested, or sent or
 * re-addressed later), the service it is sent to is looked up for the referral's service type and
 * checked against what the referral says. A service that declares, currently, that it has no place,
 * or that declares who it accepts and not a group the referral's reasons put her in (current drug
 * use, opioid substitution therapy, pregnancy, children), gets the referral with a warning in the
 * response's OperationOutcome, or refuses it with 422 {@code PASSAGE-8004} where the network says so
 * ({@code passage.directory.refuse}). A waiting list or a status out of date is a warning only.
 * Nothing of the referral is repeated: the warning says what the service declares.
 */
@Interceptor
final class ReferralFit {

  /** The group a referral reason puts a woman in, as the eligibility characteristic a service must declare. */
  static final Map<String, String> REASON_NEEDS = Map.of("opioid-dependence", "accepts-current-drug-use",
      "overdose-risk", "accepts-current-drug-use", "injection-injury", "accepts-current-drug-use",
      "ost-continuity", "accepts-ost", "pregnancy-care", "accepts-pregnant", "pmtct", "accepts-pregnant",
      "child-care-support", "accepts-children");
  private static final Map<String, String> DECLARES_NOT = Map.of(
      "accepts-current-drug-use", "does not declare that it accepts women who currently use drugs",
      "accepts-ost", "does not declare that it accepts women on opioid substitution therapy",
      "accepts-pregnant", "does not declare that it accepts pregnant women",
      "accepts-children", "does not declare that it accepts women with children");
  static final String ELIGIBILITY = PassageTerminology.CANONICAL_BASE + "/CodeSystem/passage-eligibility";

  private final ReferralDirectory directory;
  private final DirectoryProperties properties;
  private final Clock clock;

  ReferralFit(ReferralDirectory directory, DirectoryProperties properties, Clock clock) {
    this.directory = directory;
    this.properties = properties;
    this.clock = clock;
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = Stages.WORKFLOW + 1)
  public void created(RequestDetails request, IBaseResource resource) {
    if (resource instanceof Task task && task.getStatus() == Task.TaskStatus.REQUESTED) {
      check(request, task);
    }
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = Stages.WORKFLOW + 1)
  public void updated(RequestDetails request, IBaseResource previous, IBaseResource resource) {
    if (resource instanceof Task task && previous instanceof Task before && task.getStatus() == Task.TaskStatus.REQUESTED
        && (before.getStatus() != Task.TaskStatus.REQUESTED || !before.getOwner().equalsDeep(task.getOwner()))) {
      check(request, task);
    }
  }

  private void check(RequestDetails request, Task task) {
    if (Callers.site(request).isEmpty() || !task.hasOwner()) {
      return;
    }
    String owner = task.getOwner().getReferenceElement().getIdPart();
    Optional<ServiceRequest> referral = directory.focusOf(task, request);
    if (owner == null || referral.isEmpty()) {
      return;
    }
    Optional<HealthcareService> service = directory.serviceFor(owner, referral.get());
    if (service.isEmpty()) {
      return;
    }
    List<String> reasons = referral.get().getReasonCode().stream().flatMap(reason -> reason.getCoding().stream())
        .map(coding -> coding.getCode()).toList();
    WriteWarnings.add(request, warnings(assess(Capacity.of(service.get()), declared(service.get()), reasons,
        clock.instant()), properties.refuse()));
  }

  /**
   * What the service declares that the referral should know: each with the kind of unfitness it is
   * (which the network may refuse), or none for a warning only.
   */
  record Finding(Unfit unfit, String what) {}

  /**
   * The rules, pure: the service's capacity (if it publishes one), the eligibility it declares and
   * the referral's reason codes, at {@code now}.
   */
  static List<Finding> assess(Optional<Capacity> capacity, List<String> declared, List<String> reasons, Instant now) {
    List<Finding> findings = new ArrayList<>();
    if (capacity.isPresent() && capacity.get().staleAt(now)) {
      findings.add(new Finding(null, "has not updated its capacity within the interval it declared: it may have no place"));
    } else if (capacity.isPresent() && Capacity.NO_CAPACITY.equals(capacity.get().status())) {
      findings.add(new Finding(Unfit.NO_CAPACITY, "declares that it has no place now"));
    } else if (capacity.isPresent() && Capacity.WAITLIST.equals(capacity.get().status())) {
      findings.add(new Finding(null, "keeps a waiting list for new clients"));
    }
    if (!declared.isEmpty()) {
      reasons.stream().map(REASON_NEEDS::get).filter(need -> need != null && !declared.contains(need)).distinct()
          .forEach(need -> findings.add(new Finding(Unfit.ELIGIBILITY, DECLARES_NOT.get(need))));
    }
    return findings;
  }

  /** The warnings the findings give, or the refusal of the first the network refuses ({@code PASSAGE-8004}). */
  static List<OperationOutcomeIssueComponent> warnings(List<Finding> findings, java.util.Set<Unfit> refuse) {
    List<OperationOutcomeIssueComponent> warnings = new ArrayList<>();
    for (Finding finding : findings) {
      if (finding.unfit() != null && refuse.contains(finding.unfit())) {
        throw PassageError.REFERRAL_UNFIT.exception(finding.what());
      }
      warnings.add(warning(finding.what()));
    }
    return warnings;
  }

  private static OperationOutcomeIssueComponent warning(String what) {
    OperationOutcomeIssueComponent issue = new OperationOutcomeIssueComponent()
        .setSeverity(OperationOutcome.IssueSeverity.WARNING).setCode(OperationOutcome.IssueType.BUSINESSRULE)
        .setDiagnostics("The service this referral is sent to " + what);
    issue.addExpression("Task.owner");
    return issue;
  }

  private static List<String> declared(HealthcareService service) {
    return service.getCharacteristic().stream().flatMap(c -> c.getCoding().stream())
        .filter(c -> ELIGIBILITY.equals(c.getSystem())).map(c -> c.getCode()).toList();
  }
}
