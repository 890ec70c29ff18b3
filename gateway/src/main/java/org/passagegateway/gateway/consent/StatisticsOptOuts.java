package org.passagegateway.gateway.consent;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import org.passagegateway.gateway.config.Stages;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps {@code psg_statistics_exclusion} equal to {@link StatisticsUse} of each client's consent in
 * force, in the transaction of every consent write (so indicators see the consent as committed):
 * a consent in force that opts her out puts her there, one that does not takes her out, and a
 * consent that stops being in force takes out what it had put.
 */
@Interceptor
final class StatisticsOptOuts {

  private final JdbcTemplate jdbc;
  private final ConsentPolicyReader reader = new ConsentPolicyReader();

  StatisticsOptOuts(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED, order = Stages.AUDIT)
  public void created(IBaseResource resource) {
    written(resource);
  }

  @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED, order = Stages.AUDIT)
  public void updated(IBaseResource previous, IBaseResource resource) {
    written(resource);
  }

  private void written(IBaseResource resource) {
    if (!(resource instanceof Consent consent)) {
      return;
    }
    ConsentPolicy policy = reader.read(consent);
    String id = consent.getIdElement().getIdPart();
    if (!policy.active()) {
      jdbc.update("delete from psg_statistics_exclusion where consent_id = ?", id);
      return;
    }
    StatisticsUse.about(policy).ifPresent(about -> {
      // The one consent in force for her and this custodian (recording it made any other inactive).
      jdbc.update("delete from psg_statistics_exclusion where patient_id = ? and custodian = ?", about[0], about[1]);
      if (StatisticsUse.optsOut(policy)) {
        jdbc.update("insert into psg_statistics_exclusion (patient_id, custodian, consent_id) values (?, ?, ?)",
            about[0], about[1], id);
      }
    });
  }
}
