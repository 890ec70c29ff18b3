package org.passagegateway.gateway.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.validation.ValidatorResourceFetcher;
import java.util.regex.Pattern;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r5.elementmodel.Element;
import org.hl7.fhir.r5.elementmodel.JsonParser;
import org.hl7.fhir.r5.utils.validation.IResourceValidator;
import org.passagegateway.gateway.security.ResourceCategory;

/**
 * What the validator may look up to check a reference's target: the directory and the published
 * definitions, never client data. A validation result that depended on a client's resource (its
 * existence, what it holds) would tell a site what it may not know; a reference to client data is
 * checked against its literal type only (the same answer whether the resource exists, is hidden
 * from the caller, or is seen), and where the write is stored against what the site may see.
 */
final class DirectoryOnlyFetcher extends ValidatorResourceFetcher {

  private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

  private final WorkerContextValidationSupportAdapter context;

  /**
   * @param context the validator's own worker context (JPA's shared one): a context of its own
   *     would convert every StructureDefinition to R5 again and keep a second copy of them all
   */
  DirectoryOnlyFetcher(FhirContext fhirContext, IValidationSupport validationSupport, DaoRegistry daos,
      WorkerContextValidationSupportAdapter context) {
    super(fhirContext, validationSupport, daos);
    this.context = context;
  }

  @Override
  public Element fetch(IResourceValidator validator, Object appContext, String url) throws FHIRException {
    IdType id = new IdType(url);
    String type = id.getResourceType();
    if (type == null || ResourceCategory.of(type) != ResourceCategory.CLINICAL) {
      return super.fetch(validator, appContext, url);
    }
    if (!id.hasIdPart() || !FHIR_ID.matcher(id.getIdPart()).matches()) {
      return null;
    }
    // A resource of the literal type and nothing else, read from no database.
    try {
      return new JsonParser(context).parse("{\"resourceType\":\"" + type + "\",\"id\":\"" + id.getIdPart() + "\"}", type);
    } catch (Exception e) {
      throw new FHIRException(e);
    }
  }
}
