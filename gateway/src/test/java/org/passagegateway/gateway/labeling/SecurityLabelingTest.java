package org.passagegateway.gateway.labeling;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RawHttp.Response;
import org.passagegateway.terminology.PassageTerminology;
import org.passagegateway.testdata.ReferralTransactions;
import org.springframework.beans.factory.annotation.Autowired;

class SecurityLabelingTest extends H2GatewayTest {

  private static final String ANC = "demo-site-anc-1";

  @Autowired DaoRegistry daos;

  @Test
  void whenAReferralIsStoredThenTheGatewayLabelsItReplacingTheClientsLabelsAndNoClientSeesAnyLabel() {
    Bundle transaction = ReferralTransactions.newClientReferral(newPseudonym(), "hr-1", "anc-1",
        "prenatal-care", "pregnancy-care", Instant.now());
    ServiceRequest sent = referralIn(transaction);
    sent.addReasonCode(new CodeableConcept(new Coding(PassageTerminology.REFERRAL_REASON, "opioid-dependence", null)));
    sent.getMeta().addSecurity(new Coding(PassageTerminology.V3_ACT_CODE, "HIV", null));
    Bundle response = fhir().transaction().withBundle(transaction).execute();
    String id = idOf(response, "ServiceRequest");

    ServiceRequest stored = (ServiceRequest) daos.getResourceDao("ServiceRequest")
        .read(new IdType("ServiceRequest", id), new SystemRequestDetails());
    ResourceLabels labels = SecurityLabels.read(stored);
    assertThat(labels.resource()).containsExactly("SEX");
    assertThat(labels.elements()).isEqualTo(Map.of("reasonCode", Set.of("SEX", "ETH")));
    assertThat(stored.getReasonCode()).extracting(reason -> reason.getCodingFirstRep().getCode() + "="
        + reason.getExtensionsByUrl(SecurityLabels.INLINE_LABEL).stream().map(e -> ((Coding) e.getValue()).getCode()).toList())
        .containsExactly("pregnancy-care=[SEX]", "opioid-dependence=[ETH]");

    for (String path : new String[] {"/fhir/ServiceRequest/" + id, "/fhir/ServiceRequest/" + id + "/_history",
        "/fhir/ServiceRequest?_id=" + id, "/fhir/Task?focus=ServiceRequest/" + id + "&_include=Task:focus"}) {
      for (String client : new String[] {SITE, ANC}) {
        Response shown = httpAs(client).get(path);
        assertThat(shown.status()).as(path).isEqualTo(200);
        assertThat(shown.body()).as("%s as %s", path, client).contains("opioid-dependence")
            .doesNotContain("security-label-ds4p").doesNotContain("\"security\"").doesNotContain("v3-ActCode");
      }
    }
  }

  @Test
  void whenASiteSearchesBySecurityLabelThenRefused() {
    Response search = http().get("/fhir/ServiceRequest?_security=" + PassageTerminology.V3_ACT_CODE + "%7CETH");
    assertThat(search.status()).isEqualTo(400);
    assertThat(search.passageCode()).isEqualTo("PASSAGE-1009");
    assertThat(search.body()).contains("_security");
  }

  private static ServiceRequest referralIn(Bundle transaction) {
    return transaction.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
        .filter(ServiceRequest.class::isInstance).map(ServiceRequest.class::cast).findFirst().orElseThrow();
  }

  private static String idOf(Bundle response, String type) {
    return response.getEntry().stream().map(entry -> new IdType(entry.getResponse().getLocation()))
        .filter(id -> type.equals(id.getResourceType())).findFirst().orElseThrow().getIdPart();
  }
}
