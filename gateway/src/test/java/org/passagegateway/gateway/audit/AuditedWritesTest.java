package org.passagegateway.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.testdata.NetworkBuilders;
import org.passagegateway.testdata.ReferralTransactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every write of client data leaves its audit event, in the same transaction, with no content. */
class AuditedWritesTest extends H2GatewayTest {

  @Autowired JdbcTemplate jdbc;

  @Test
  void whenASiteSendsAReferralThenEachResourceWrittenHasItsEventNamingTheClientAndTheSiteButNoContent() {
    String pseudonym = newPseudonym(); // its derivation is an event of its own
    long before = lastEventId();
    Bundle response = fhir().transaction().withBundle(ReferralTransactions.newClientReferral(pseudonym, "hr-1", "anc-1",
        "prenatal-care", "pregnancy-care", Instant.now())).execute();
    String client = response.getEntry().stream().map(e -> new IdType(e.getResponse().getLocation()))
        .filter(id -> "Patient".equals(id.getResourceType())).findFirst().orElseThrow().getIdPart();

    List<String> texts = jdbc.queryForList("select event from psg_audit_event where id > ? order by id", String.class, before);
    List<AuditEvent> events = texts.stream()
        .map(text -> FhirContext.forR4Cached().newJsonParser().parseResource(AuditEvent.class, text)).toList();

    assertThat(events).extracting(e -> e.getEntity().get(1).getWhat().getReferenceElement().getResourceType())
        .containsExactlyInAnyOrder("Patient", "ServiceRequest", "Task", "Consent");
    assertThat(events).allSatisfy(event -> {
      assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("create");
      assertThat(event.getAgentFirstRep().getWho().getReference()).isEqualTo("Organization/hr-1");
      assertThat(event.getAgentFirstRep().getAltId()).isEqualTo("demo-site-hr-1");
      assertThat(event.getEntityFirstRep().getWhat().getReference()).isEqualTo("Patient/" + client);
    });
    assertThat(texts).allSatisfy(text -> assertThat(text).doesNotContain(pseudonym).doesNotContain("pregnancy-care")
        .doesNotContain("prenatal-care"));
  }

  @Test
  void whenAReferralIsRefusedPartWayThroughItsTransactionThenNoEventRemains() {
    String pseudonym = newPseudonym(); // its derivation is an event of its own
    long before = lastEventId();

    assertThatThrownBy(() -> fhir().transaction().withBundle(ReferralTransactions.newClientReferral(pseudonym, "hr-1",
        "tb-1", "prenatal-care", "pregnancy-care", Instant.now())).execute())
        .isInstanceOfSatisfying(BaseServerResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(422));

    assertThat(jdbc.queryForObject("select count(*) from psg_audit_event where id > ?", Integer.class, before)).isZero();
  }

  @Test
  void whenAnAdminChangesTheDirectoryThenTheEventNamesTheOrganizationAndTheAdminClient() {
    long before = lastEventId();
    String code = "tb-" + UUID.randomUUID().toString().substring(0, 8);
    String id = fhirAs(ADMIN).create().resource(NetworkBuilders.site(code, "TB clinic " + code, "tb-service"))
        .execute().getId().getIdPart();

    List<AuditEvent> events = jdbc.queryForList("select event from psg_audit_event where id > ? order by id", String.class,
        before).stream().map(text -> FhirContext.forR4Cached().newJsonParser().parseResource(AuditEvent.class, text)).toList();
    assertThat(events).singleElement().satisfies(event -> {
      assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("create");
      assertThat(event.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo("demo-admin");
      assertThat(event.getEntityFirstRep().getWhat().getReference()).startsWith("Organization/" + id + "/_history/");
    });
  }

  private long lastEventId() {
    Long last = jdbc.queryForObject("select max(id) from psg_audit_event", Long.class);
    return last == null ? 0 : last;
  }
}
