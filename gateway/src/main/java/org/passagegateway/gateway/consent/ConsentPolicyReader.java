package org.passagegateway.gateway.consent;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.passagegateway.terminology.PassageTerminology;

/**
 * Reads a FHIR {@code Consent} (Passage's consent profile) into what the decision engine compares.
 *
 * <p>Where a consent says more than the engine evaluates, the reading discloses less: a permit
 * with a condition the engine cannot check (a {@code code}, a {@code dataPeriod}, data other than
 * named instances, a recipient that is not an Organization) never holds, and neither do its
 * exceptions; a deny with one holds as if that condition were absent. Labels and purposes from
 * other code systems than Passage's never match anything.
 */
public final class ConsentPolicyReader {

  public static final String RECIPIENT_SITE_TYPE =
      PassageTerminology.CANONICAL_BASE + "/StructureDefinition/passage-recipient-site-type";
  private static final Set<String> LABEL_SYSTEMS = Set.of(PassageTerminology.V3_ACT_CODE, PassageTerminology.SENSITIVITY);
  private static final Set<String> RECIPIENT_ROLES = Set.of("IRCP", "PRCP");

  public ConsentPolicy read(Consent consent) {
    String reference = consent.getIdElement().toUnqualified().getValue();
    boolean active = consent.getStatus() == Consent.ConsentState.ACTIVE;
    String patient = consent.getPatient().getReferenceElement().getIdPart();
    String custodian = consent.getOrganization().size() == 1
        ? organizationId(consent.getOrganizationFirstRep()) : null;
    Provision root = consent.hasProvision() ? provision(consent.getProvision()) : null;
    return new ConsentPolicy(reference, active, patient, custodian, root == null ? Provision.of(false) : root);
  }

  /** The provision, or null for a permit that can never hold. */
  private Provision provision(Consent.ProvisionComponent source) {
    boolean permit = source.getType() == Consent.ConsentProvisionType.PERMIT;
    boolean unevaluable = source.hasCode() || source.hasDataPeriod();
    Set<String> recipients = new HashSet<>();
    for (Consent.provisionActorComponent actor : source.getActor()) {
      String organization = organizationId(actor.getReference());
      boolean recipientRole = actor.getRole().getCoding().stream().anyMatch(c -> RECIPIENT_ROLES.contains(c.getCode()));
      if (organization == null || !recipientRole) {
        unevaluable = true;
      } else {
        recipients.add(organization);
      }
    }
    Set<String> resources = new HashSet<>();
    for (Consent.provisionDataComponent data : source.getData()) {
      if (data.getMeaning() == Consent.ConsentDataMeaning.INSTANCE && data.getReference().hasReference()) {
        resources.add(data.getReference().getReferenceElement().toUnqualifiedVersionless().getValue());
      } else {
        unevaluable = true;
      }
    }
    if (permit && unevaluable) {
      return null;
    }
    List<Provision> exceptions = new ArrayList<>();
    for (Consent.ProvisionComponent nested : source.getProvision()) {
      Provision exception = provision(nested);
      if (exception != null) {
        exceptions.add(exception);
      }
    }
    Period period = source.getPeriod();
    return new Provision(permit, start(period), end(period), recipients, siteTypes(source), codes(source.getPurpose(),
        Set.of(PassageTerminology.V3_ACT_REASON)), codes(source.getSecurityLabel(), LABEL_SYSTEMS),
        codes(source.getClass_(), null), actions(source.getAction()), resources, exceptions);
  }

  private static Set<String> siteTypes(Consent.ProvisionComponent source) {
    Set<String> codes = new HashSet<>();
    for (Extension extension : source.getExtensionsByUrl(RECIPIENT_SITE_TYPE)) {
      if (extension.getValue() instanceof CodeableConcept concept) {
        codes.addAll(codes(concept.getCoding(), Set.of(PassageTerminology.SITE_TYPE)));
      }
    }
    return codes;
  }

  private static Set<String> actions(List<CodeableConcept> actions) {
    Set<String> codes = new HashSet<>();
    actions.forEach(action -> action.getCoding().forEach(coding -> codes.add(coding.getCode())));
    return codes;
  }

  /** The codes of the codings (from the given systems, if any); a coding of another system is kept as a value no request has. */
  private static Set<String> codes(List<Coding> codings, Set<String> systems) {
    Set<String> codes = new HashSet<>();
    for (Coding coding : codings) {
      boolean known = systems == null || systems.contains(coding.getSystem());
      codes.add(known ? coding.getCode() : coding.getSystem() + "|" + coding.getCode());
    }
    return codes;
  }

  private static String organizationId(Reference reference) {
    if (reference == null || !reference.hasReference()) {
      return null;
    }
    var id = reference.getReferenceElement();
    return "Organization".equals(id.getResourceType()) && !id.isAbsolute() ? id.getIdPart() : null;
  }

  private static Instant start(Period period) {
    return period.hasStart() ? period.getStart().toInstant() : null;
  }

  /** The first instant after the period: a date-only end ({@code 2027-05-02}) includes that whole day. */
  private static Instant end(Period period) {
    if (!period.hasEnd()) {
      return null;
    }
    BaseDateTimeType end = period.getEndElement();
    TemporalPrecisionEnum precision = end.getPrecision();
    return precision.add(end.getValue(), 1).toInstant();
  }
}
