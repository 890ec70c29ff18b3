package org.passagegateway.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passagegateway.terminology.PassageTerminology.SITE_TYPE;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.Pseudonyms;
import org.passagegateway.testdata.DemoNetwork;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo network loaded at start-up (passage.demo.enabled=true), and loaded again. */
class DemoNetworkTest extends H2GatewayTest {

  @Autowired DemoNetworkLoader loader;

  @Test
  void whenTheDemoIsEnabledThenEveryKindOfSiteTheScenariosNeedIsThere() {
    for (String siteType : List.of("harm-reduction-site", "antenatal-clinic", "tb-service", "womens-shelter",
        "prison-health-unit")) {
      Bundle sites = fhir().search().forResource(Organization.class)
          .where(Organization.TYPE.exactly().systemAndCode(SITE_TYPE, siteType))
          .returnBundle(Bundle.class).execute();
      assertThat(sites.getEntry()).as(siteType).isNotEmpty();
    }
  }

  @Test
  void whenTheDemoIsEnabledThenReferralsAwaitTheClinicTheTbServiceAndTheShelter() {
    for (String owner : List.of(DemoNetwork.ANTENATAL_CLINIC, DemoNetwork.TB_SERVICE, DemoNetwork.WOMENS_SHELTER)) {
      Bundle inbox = fhir().search().forResource(Task.class)
          .where(Task.OWNER.hasId("Organization/" + owner))
          .and(Task.STATUS.exactly().code("requested"))
          .returnBundle(Bundle.class).execute();
      assertThat(inbox.getEntry()).as(owner).isNotEmpty();
      Task task = (Task) inbox.getEntryFirstRep().getResource();
      assertThat(task.getRequester().getReference()).isEqualTo("Organization/" + DemoNetwork.HARM_REDUCTION_SITE);
      assertThat(task.getFocus().getReference()).startsWith("ServiceRequest/");
    }
  }

  @Test
  void whenTheDemoClientsAreReadThenTheyArePseudonymous() {
    Patient client = fhir().read().resource(Patient.class).withId("client-1").execute();

    // Her network pseudonym is the one a site gets from her UIC answers.
    assertThat(client.getIdentifierFirstRep().getValue()).matches("1-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z*]")
        .isEqualTo(Pseudonyms.issue(http(), DemoNetwork.UIC_ANSWERS.get("client-1")));
    assertThat(client.hasName()).isFalse();
    assertThat(client.hasAddress()).isFalse();
    assertThat(client.hasTelecom()).isFalse();
    assertThat(client.getBirthDateElement().getValueAsString()).hasSize(4);
  }

  @Test
  void whenTheDemoIsLoadedAgainThenNothingChanges() {
    String versionBefore = fhir().read().resource(Organization.class).withId(DemoNetwork.TB_SERVICE).execute()
        .getMeta().getVersionId();

    Bundle response = loader.load();

    assertThat(response.getEntry()).as("nothing is written again").isEmpty();
    String versionAfter = fhir().read().resource(Organization.class).withId(DemoNetwork.TB_SERVICE).execute()
        .getMeta().getVersionId();
    assertThat(versionAfter).isEqualTo(versionBefore);
  }
}
