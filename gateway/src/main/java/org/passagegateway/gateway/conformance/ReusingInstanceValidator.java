package org.passagegateway.gateway.conformance;

import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.validation.IValidationContext;
import ca.uhn.fhir.validation.ValidationOptions;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.elementmodel.Manager;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;
import org.hl7.fhir.r5.utils.validation.constants.IdStatus;
import org.hl7.fhir.r5.utils.xver.XVerExtensionManagerOld;
import org.hl7.fhir.utilities.i18n.I18nConstants;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.validation.instance.InstanceValidator;

/**
 * HAPI's instance validator, with its core {@link InstanceValidator}s kept and reused instead of
 * built for every call. HAPI 8.8.0 builds one per call (its package-private {@code
 * ValidatorWrapper}), and building one costs about 8 ms, nearly all of it reading the core
 * library's 1.5 MB OID registry; the checks themselves take well under a millisecond.
 *
 * <p>Each kept validator serves one call at a time (its state is per call, and it resets it when
 * a call begins). Some of that state is never cleared (the codings it has seen), so a validator
 * is retired after {@value #USES} calls rather than emptied by reflection. At most {@value #KEPT}
 * are kept (each holds about 6 MB); a call that finds none free builds its own, as HAPI would.
 *
 * <p>Everything else is HAPI's {@code ValidatorWrapper.validate} for JSON, in the same order: the
 * same settings, the profiles of the options and of {@code meta.profile}, the same filters of its
 * messages. {@code ReusingInstanceValidatorTest} checks that both give the same messages for every
 * package example and every non-conforming instance of the profile tests, again and again.
 */
final class ReusingInstanceValidator extends FhirInstanceValidator {

  static final int USES = 200;
  static final int KEPT = 4;

  private final BlockingQueue<Kept> idle = new ArrayBlockingQueue<>(KEPT);

  /** Validates as {@code configured} does (its support chain, worker context, fetcher and settings). */
  ReusingInstanceValidator(FhirInstanceValidator configured) {
    super(configured.getValidationSupport());
    setWrappedWorkerContext(configured.getValidationSupport(), configured.getWorkerContext());
    setAnyExtensionsAllowed(configured.isAnyExtensionsAllowed());
    setBestPracticeWarningLevel(configured.getBestPracticeWarningLevel());
    setErrorForUnknownProfiles(configured.isErrorForUnknownProfiles());
    setCustomExtensionDomains(configured.getExtensionDomains());
    setValidatorPolicyAdvisor(configured.getValidatorPolicyAdvisor());
    setNoTerminologyChecks(configured.isNoTerminologyChecks());
    setNoExtensibleWarnings(configured.isNoExtensibleWarnings());
    setNoBindingMsgSuppressed(configured.isNoBindingMsgSuppressed());
    setValidatorResourceFetcher(configured.getValidatorResourceFetcher());
    setAssumeValidRestReferences(configured.isAssumeValidRestReferences());
    setAllowExamples(configured.isAllowExamples());
    setHostApplicationServices(configured.getHostApplicationServices());
  }

  /** A core validator and how many calls it has served. */
  private static final class Kept {
    final InstanceValidator validator;
    int uses;

    Kept(InstanceValidator validator) {
      this.validator = validator;
    }
  }

  @Override
  protected List<ValidationMessage> validate(IValidationContext<?> context) {
    if (context.getResourceAsStringEncoding() != EncodingEnum.JSON) {
      return super.validate(context);
    }
    WorkerContextValidationSupportAdapter worker = provideWorkerContext();
    Kept kept = idle.poll();
    if (kept == null) {
      kept = new Kept(build(worker));
    }
    try {
      return validate(kept.validator, worker, context);
    } finally {
      if (++kept.uses < USES) {
        idle.offer(kept);
      }
    }
  }

  private InstanceValidator build(IWorkerContext worker) {
    InstanceValidator validator;
    try {
      validator = new InstanceValidator(worker,
          Objects.requireNonNullElseGet(getHostApplicationServices(), FhirInstanceValidator.NullEvaluationContext::new),
          new XVerExtensionManagerOld(worker), new ValidatorSession(), new ValidatorSettings());
    } catch (Exception e) {
      throw new IllegalStateException("cannot build the instance validator", e);
    }
    validator.setAssumeValidRestReferences(isAssumeValidRestReferences());
    validator.setBestPracticeWarningLevel(getBestPracticeWarningLevel());
    validator.setAnyExtensionsAllowed(isAnyExtensionsAllowed());
    validator.setResourceIdRule(IdStatus.OPTIONAL);
    validator.setNoTerminologyChecks(isNoTerminologyChecks());
    validator.setErrorForUnknownProfiles(isErrorForUnknownProfiles());
    // As HAPI: fixed, for its interplay with UnknownCodeSystemWarningValidationSupport.
    validator.setUnknownCodeSystemsCauseErrors(true);
    validator.getExtensionDomains().addAll(getExtensionDomains());
    validator.setFetcher(getValidatorResourceFetcher());
    validator.setPolicyAdvisor(getValidatorPolicyAdvisor());
    validator.setNoExtensibleWarnings(isNoExtensibleWarnings());
    validator.setNoBindingMsgSuppressed(isNoBindingMsgSuppressed());
    validator.setAllowExamples(isAllowExamples());
    validator.setAllowXsiLocation(true);
    return validator;
  }

  private List<ValidationMessage> validate(InstanceValidator validator, IWorkerContext worker,
      IValidationContext<?> context) {
    List<ValidationMessage> messages = new ArrayList<>();
    List<StructureDefinition> profiles = new ArrayList<>();
    List<ValidationMessage> unknownProfiles = new ArrayList<>();
    ValidationOptions options = context.getOptions();
    for (String profile : options.getProfiles()) {
      addProfile(worker, profiles, profile, unknownProfiles);
    }
    String input = context.getResourceAsString();
    JsonObject json = JsonParser.parseString(input).getAsJsonObject();
    JsonObject meta = json.getAsJsonObject("meta");
    JsonElement declared = meta == null ? null : meta.get("profile");
    if (declared != null && declared.isJsonArray()) {
      for (JsonElement profile : (JsonArray) declared) {
        addProfile(worker, profiles, profile.getAsString(), unknownProfiles);
      }
    }
    validator.validate(options.getAppContext(), messages, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        Manager.FhirFormat.JSON, profiles);
    if (profiles.isEmpty()) {
      messages.addAll(unknownProfiles);
    }
    List<ValidationMessage> kept = new ArrayList<>(messages.size());
    for (ValidationMessage message : messages) {
      String id = message.getMessageId();
      boolean dropped = id != null && (id.equals(I18nConstants.TERMINOLOGY_TX_BINDING_NOSOURCE)
          || (id.equals(I18nConstants.TERMINOLOGY_TX_VALUESET_NOTFOUND)
              && message.getMessage().contains("http://hl7.org/fhir/ValueSet/mimetypes")));
      if (dropped) {
        continue;
      }
      if (I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN.equals(id)
          || I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN_NOT_POLICY.equals(id)) {
        message.setLevel(isErrorForUnknownProfiles() ? ValidationMessage.IssueSeverity.ERROR
            : ValidationMessage.IssueSeverity.WARNING);
      }
      kept.add(message);
    }
    return kept;
  }

  private static void addProfile(IWorkerContext worker, List<StructureDefinition> profiles, String url,
      List<ValidationMessage> unknown) {
    try {
      StructureDefinition profile = worker.fetchResource(StructureDefinition.class, url);
      if (profile != null) {
        profiles.add(profile);
      } else {
        ValidationMessage message = new ValidationMessage();
        message.setMessageId(I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN);
        message.setLevel(ValidationMessage.IssueSeverity.ERROR);
        message.setMessage("Invalid profile. Failed to retrieve profile with url=" + url);
        unknown.add(message);
      }
    } catch (FHIRException unreadable) {
      // As HAPI: a profile that cannot be read is passed over.
    }
  }
}
