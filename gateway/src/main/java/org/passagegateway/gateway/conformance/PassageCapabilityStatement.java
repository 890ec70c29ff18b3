package org.passagegateway.gateway.conformance;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.passagegateway.profiles.PassageProfiles;

/**
 * Names Passage and its version in the CapabilityStatement that HAPI generates from the
 * registered providers.
 *
 * @see <a href="https://hl7.org/fhir/R4/capabilitystatement.html">CapabilityStatement</a>
 */
@Interceptor
public final class PassageCapabilityStatement {

  static final String SOFTWARE_NAME = "Passage";
  static final String IMPLEMENTATION_GUIDE = "https://passage-gateway.org/fhir/ImplementationGuide/passage";
  private static final String DESCRIPTION =
      "Passage: a consent-first FHIR R4 gateway for referrals between harm reduction sites, "
          + "antenatal clinics, TB services, women's shelters and prison health units.";

  private final String version;
  private final String publisher;

  public PassageCapabilityStatement(String version, String publisher) {
    this.version = version;
    this.publisher = publisher;
  }

  @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
  public void describe(IBaseConformance generated) {
    CapabilityStatement statement = (CapabilityStatement) generated;
    statement.setName("Passage");
    statement.setTitle("Passage FHIR gateway");
    statement.setPublisher(publisher);
    statement.setVersion(version);
    statement.getSoftware().setName(SOFTWARE_NAME).setVersion(version);
    statement.getImplementation().setDescription(DESCRIPTION);
    statement.setDescription(DESCRIPTION);
    advertiseBatch(statement);
    listProfiles(statement);
    statement.getImplementationGuide().clear();
    statement.addImplementationGuide(IMPLEMENTATION_GUIDE);
  }

  /**
   * Lists, for each profiled type, exactly the Passage profile that writes must conform to (HAPI
   * would list every non-base profile it knows of for the type, core examples included).
   */
  private static void listProfiles(CapabilityStatement statement) {
    for (CapabilityStatement.CapabilityStatementRestComponent rest : statement.getRest()) {
      for (CapabilityStatement.CapabilityStatementRestResourceComponent resource : rest.getResource()) {
        resource.getSupportedProfile().clear();
        String profile = PassageProfiles.ENFORCED.get(resource.getType());
        if (profile != null) {
          resource.addSupportedProfile(profile);
        }
      }
    }
  }

  /** HAPI lists only "transaction" for the @Transaction method, which processes batches too. */
  private static void advertiseBatch(CapabilityStatement statement) {
    for (CapabilityStatement.CapabilityStatementRestComponent rest : statement.getRest()) {
      boolean transaction = rest.getInteraction().stream()
          .anyMatch(i -> i.getCode() == CapabilityStatement.SystemRestfulInteraction.TRANSACTION);
      boolean batch = rest.getInteraction().stream()
          .anyMatch(i -> i.getCode() == CapabilityStatement.SystemRestfulInteraction.BATCH);
      if (transaction && !batch) {
        rest.addInteraction().setCode(CapabilityStatement.SystemRestfulInteraction.BATCH);
      }
    }
  }
}
