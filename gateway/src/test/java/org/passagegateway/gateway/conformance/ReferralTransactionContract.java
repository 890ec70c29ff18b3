package org.passagegateway.gateway.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.Instant;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.passagegateway.terminology.PassageTerminology;
import org.passagegateway.testdata.ReferralTransactions;

/**
 * A referral is sent as one transaction (client, referral, Task, consent). Each entry is
 * validated against its profile; one invalid entry refuses the whole transaction, names the
 * entry, and nothing of it is written. One test class per database implements this contract.
 */
interface ReferralTransactionContract {

  IGenericClient fhir();

  /** A new client's network pseudonym, issued by the gateway under test. */
  String issuedPseudonym();


  @Test
  default void whenAValidReferralTransactionIsPostedThenEveryEntryIsStored() {
    String pseudonym = issuedPseudonym();

    Bundle response = fhir().transaction().withBundle(referral(pseudonym)).execute();

    assertThat(response.getEntry()).hasSize(4).allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("201"));
    assertThat(clientsWithPseudonym(pseudonym)).isEqualTo(1);
  }

  @Test
  default void whenOneEntryIsInvalidThenTheTransactionIsRefusedNamingThatEntryAndNothingIsWritten() {
    String pseudonym = issuedPseudonym();
    Bundle transaction = referral(pseudonym);
    Task task = (Task) transaction.getEntry().get(2).getResource();
    task.setOwner(new Reference("Patient/client-2"));

    assertThatThrownBy(() -> fhir().transaction().withBundle(transaction).execute())
        .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
          OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
          assertThat(outcome.getIssueFirstRep().getDiagnostics())
              .isEqualTo("PASSAGE-2006: The Task at Bundle.entry[2].resource does not conform to the profile "
                  + "https://passage-gateway.org/fhir/StructureDefinition/passage-referral-task");
          assertThat(ProfileEnforcementTest.expressions(outcome)).contains("Bundle.entry[2].resource.owner");
        });
    assertThat(clientsWithPseudonym(pseudonym)).isZero();
  }

  @Test
  default void whenSeveralEntriesAreInvalidThenEveryProblemIsReportedAtOnce() {
    Bundle transaction = referral(issuedPseudonym());
    ((Patient) transaction.getEntry().get(0).getResource()).setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1995-03-02"));
    ((ServiceRequest) transaction.getEntry().get(1).getResource()).getReasonCode().clear();
    ((Task) transaction.getEntry().get(2).getResource()).setFor(new Reference("Organization/hr-1"));

    assertThatThrownBy(() -> fhir().transaction().withBundle(transaction).execute())
        .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
          OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
          assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("The Patient at Bundle.entry[0].resource");
          assertThat(ProfileEnforcementTest.expressions(outcome)).contains(
              "Bundle.entry[0].resource.birthDate", "Bundle.entry[1].resource.reasonCode", "Bundle.entry[2].resource.for");
          assertThat(e.getResponseBody()).doesNotContain("1995-03-02");
        });
  }

  @Test
  default void whenTheLastEntryIsInvalidThenTheEntriesBeforeItAreRolledBack() {
    String pseudonym = issuedPseudonym();
    Bundle transaction = referral(pseudonym);
    Consent consent = (Consent) transaction.getEntry().get(3).getResource();
    consent.getPerformer().clear();
    int referrals = total(ServiceRequest.class);
    int tasks = total(Task.class);

    assertThatThrownBy(() -> fhir().transaction().withBundle(transaction).execute())
        .isInstanceOfSatisfying(UnprocessableEntityException.class, e ->
            assertThat(ProfileEnforcementTest.expressions((OperationOutcome) e.getOperationOutcome()))
                .contains("Bundle.entry[3].resource.performer"));
    assertThat(clientsWithPseudonym(pseudonym)).isZero();
    assertThat(total(ServiceRequest.class)).isEqualTo(referrals);
    assertThat(total(Task.class)).isEqualTo(tasks);
  }

  /** How many the site sees, page by page (the gateway gives no counts, which could include what is withheld). */
  default int total(Class<? extends Resource> type) {
    Bundle page = fhir().search().forResource(type).elementsSubset("id").count(100).returnBundle(Bundle.class).execute();
    int total = page.getEntry().size();
    while (page.getLink(Bundle.LINK_NEXT) != null) {
      page = fhir().loadPage().next(page).execute();
      total += page.getEntry().size();
    }
    return total;
  }

  default int clientsWithPseudonym(String pseudonym) {
    return fhir().search().forResource(Patient.class)
        .where(Patient.IDENTIFIER.exactly().systemAndCode(PassageTerminology.CLIENT_PSEUDONYM, pseudonym))
        .returnBundle(Bundle.class).execute().getEntry().size();
  }

  private static Bundle referral(String pseudonym) {
    return ReferralTransactions.newClientReferral(pseudonym, "hr-1", "anc-1", "pmtct", "pregnancy-care", Instant.parse("2026-11-20T10:00:00Z"));
  }
}
