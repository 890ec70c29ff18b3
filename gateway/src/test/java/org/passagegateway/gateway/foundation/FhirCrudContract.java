package org.passagegateway.gateway.foundation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.passagegateway.terminology.PassageTerminology.CLIENT_PSEUDONYM;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.passagegateway.testdata.NetworkBuilders;

/**
 * Create, read, update with If-Match, search and delete over HTTP with HAPI's generic client. A
 * test class per database implements this interface, so both databases pass the same tests.
 */
interface FhirCrudContract {

  /** A client acting as the harm reduction site. */
  IGenericClient fhir();

  /** A client acting as the network's admin (who manages the directory). */
  IGenericClient admin();

  @Test
  default void whenAClientIsCreatedThenItIsReadBackUnderARandomServerId() {
    String pseudonym = issuedPseudonym();
    MethodOutcome created = fhir().create().resource(client(pseudonym, 1991)).execute();

    IIdType id = created.getId();
    assertThat(created.getCreated()).isTrue();
    assertThat(id.getVersionIdPart()).isEqualTo("1");
    assertThat(UUID.fromString(id.getIdPart())).as("server-assigned ids are UUIDs, not counters").isNotNull();

    Patient read = fhir().read().resource(Patient.class).withId(id.toUnqualifiedVersionless()).execute();
    assertThat(read.getIdentifierFirstRep().getSystem()).isEqualTo(CLIENT_PSEUDONYM);
    assertThat(read.getIdentifierFirstRep().getValue()).isEqualTo(pseudonym);
    assertThat(read.getBirthDateElement().getValueAsString()).isEqualTo("1991");
  }

  @Test
  default void whenUpdatedWithTheCurrentVersionInIfMatchThenANewVersionIsStored() {
    IIdType id = fhir().create().resource(client(issuedPseudonym(), 1990)).execute().getId();

    Patient changed = client(issuedPseudonym(), 1992);
    changed.setId(id.toUnqualifiedVersionless());
    MethodOutcome updated = fhir().update().resource(changed)
        .withAdditionalHeader("If-Match", "W/\"1\"").execute();

    assertThat(updated.getId().getVersionIdPart()).isEqualTo("2");
    Patient read = fhir().read().resource(Patient.class).withId(id.toUnqualifiedVersionless()).execute();
    assertThat(read.getBirthDateElement().getValueAsString()).isEqualTo("1992");
    assertThat(read.getMeta().getVersionId()).isEqualTo("2");
  }

  @Test
  default void whenUpdatedWithAStaleIfMatchThenPreconditionFailedAndNothingIsWritten() {
    IIdType id = fhir().create().resource(client(issuedPseudonym(), 1990)).execute().getId();
    Patient first = client(issuedPseudonym(), 1993);
    first.setId(id.toUnqualifiedVersionless());
    fhir().update().resource(first).withAdditionalHeader("If-Match", "W/\"1\"").execute();

    Patient stale = client(issuedPseudonym(), 1980);
    stale.setId(id.toUnqualifiedVersionless());
    assertThatThrownBy(() -> fhir().update().resource(stale).withAdditionalHeader("If-Match", "W/\"1\"").execute())
        .isInstanceOf(PreconditionFailedException.class)
        .satisfies(e -> assertThat(passageCode(e)).isEqualTo("PASSAGE-2004"));

    Patient read = fhir().read().resource(Patient.class).withId(id.toUnqualifiedVersionless()).execute();
    assertThat(read.getMeta().getVersionId()).isEqualTo("2");
    assertThat(read.getBirthDateElement().getValueAsString()).isEqualTo("1993");
  }

  @Test
  default void whenSearchedByPseudonymThenExactlyThatClientIsFound() {
    String pseudonym = issuedPseudonym();
    IIdType id = fhir().create().resource(client(pseudonym, 1995)).execute().getId();
    fhir().create().resource(client(issuedPseudonym(), 1995)).execute();

    Bundle found = fhir().search().forResource(Patient.class)
        .where(Patient.IDENTIFIER.exactly().systemAndIdentifier(CLIENT_PSEUDONYM, pseudonym))
        .returnBundle(Bundle.class).execute();

    assertThat(found.getEntry()).hasSize(1);
    assertThat(found.getEntryFirstRep().getResource().getIdElement().getIdPart()).isEqualTo(id.getIdPart());
  }

  @Test
  default void whenDeletedThenReadingItAnswersGone() {
    IIdType id = admin().create().resource(NetworkBuilders.service(null, "hr-1", "htc")).execute()
        .getId().toUnqualifiedVersionless();

    admin().delete().resourceById(id).execute();

    assertThatThrownBy(() -> admin().read().resource(HealthcareService.class).withId(id).execute())
        .isInstanceOf(ResourceGoneException.class)
        .satisfies(e -> assertThat(passageCode(e)).isEqualTo("PASSAGE-2002"));
  }

  @Test
  default void whenASiteDeletesAClientThenForbiddenAndTheClientRemains() {
    IIdType id = fhir().create().resource(client(issuedPseudonym(), 1988)).execute().getId().toUnqualifiedVersionless();

    assertThatThrownBy(() -> fhir().delete().resourceById(id).execute())
        .isInstanceOf(ForbiddenOperationException.class)
        .satisfies(e -> assertThat(passageCode(e)).isEqualTo("PASSAGE-3003"));

    assertThat(fhir().read().resource(Patient.class).withId(id).execute().getMeta().getVersionId()).isEqualTo("1");
  }

  @Test
  default void whenReadingAnIdThatWasNeverWrittenThenNotFound() {
    assertThatThrownBy(() -> fhir().read().resource(Patient.class).withId(UUID.randomUUID().toString()).execute())
        .isInstanceOf(ResourceNotFoundException.class)
        .satisfies(e -> assertThat(passageCode(e)).isEqualTo("PASSAGE-2001"));
  }

  static Patient client(String pseudonym, int birthYear) {
    return NetworkBuilders.client(null, pseudonym, birthYear);
  }

  /** A new client's network pseudonym, issued by the gateway under test. */
  String issuedPseudonym();

  static String passageCode(Throwable thrown) {
    OperationOutcome outcome = (OperationOutcome) ((BaseServerResponseException) thrown).getOperationOutcome();
    return outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode();
  }
}
