package org.passagegateway.gateway.labeling;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.util.ICachedSearchDetails;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.passagegateway.gateway.config.Stages;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.gateway.security.ResourceCategory;

/**
 * The security labeling service on the write and read paths (DESIGN.md, "Security labeling
 * service"): every clinical resource is labelled by the gateway as it is stored, whatever labels
 * the client sent are replaced, and no label is ever shown, nor can one be searched for.
 *
 * <p>Every resource stored is labelled, alone or as an entry of a transaction or batch.
 */
@Interceptor
public final class SecurityLabeling {

  private final ResourceLabeler labeler;
  private final LabelingRules rules;
  private final ReferralFocus focus;

  public SecurityLabeling(ResourceLabeler labeler, LabelingRules rules, ReferralFocus focus) {
    this.labeler = labeler;
    this.rules = rules;
    this.focus = focus;
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = Stages.LABELING)
  public void created(RequestDetails request, IBaseResource resource) {
    label(resource, request);
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = Stages.LABELING)
  public void updated(RequestDetails request, IBaseResource previous, IBaseResource resource) {
    label(resource, request);
  }

  @Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
  public void search(ICachedSearchDetails search, SearchParameterMap parameters) {
    if (parameters.containsKey("_security") && ResourceCategory.of(search.getResourceType()) == ResourceCategory.CLINICAL) {
      throw PassageError.INVALID_REQUEST.exception("The _security parameter is not supported on clinical resources");
    }
  }

  @Hook(value = Pointcut.STORAGE_PRESHOW_RESOURCES, order = Stages.STRIP)
  public void show(IPreResourceShowDetails resources) {
    for (int i = 0; i < resources.size(); i++) {
      if (resources.getResource(i) instanceof Resource resource) {
        SecurityLabels.strip(resource);
      }
    }
  }

  /** After the consent decisions, which read the labels of what a response holds. */
  @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = Stages.STRIP)
  public void respond(IBaseResource response) {
    if (response instanceof Bundle bundle) {
      bundle.getEntry().stream().filter(Bundle.BundleEntryComponent::hasResource)
          .forEach(entry -> SecurityLabels.strip(entry.getResource()));
    } else if (response instanceof Resource resource) {
      SecurityLabels.strip(resource);
    }
  }

  /**
   * Labels a clinical resource about to be stored; a referral Task takes the labels of the referral
   * it carries as a whole (what the referral is about is what the Task is about).
   */
  private void label(IBaseResource resource, RequestDetails request) {
    if (!(resource instanceof Resource stored) || ResourceCategory.of(stored.fhirType()) != ResourceCategory.CLINICAL) {
      return;
    }
    if (stored instanceof DomainResource domain && domain.hasContained()) {
      throw PassageError.INVALID_REQUEST.exception(
          "Contained resources are not accepted in client data; send each resource as an entry of a transaction");
    }
    ResourceLabels labels = stored instanceof Task task
        ? focus.of(task, request).map(referral -> new ResourceLabels(labeler.labels(referral).resource(), Map.of()))
            .orElse(ResourceLabels.NONE)
        : labeler.labels(stored);
    SecurityLabels.record(stored, labels, rules);
  }
}
