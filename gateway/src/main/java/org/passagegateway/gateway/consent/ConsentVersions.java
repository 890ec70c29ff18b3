package org.passagegateway.gateway.consent;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Consent;
import org.passagegateway.gateway.config.TransactionResources;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Each client's consent version: a counter increased in the database transaction of every write
 * of one of her consents (whoever writes it: a site, a transaction entry, the gateway superseding
 * an earlier consent), on HAPI's own broadcaster. What a node remembers of her consents is valid
 * only while her counter, read from the database, has not moved.
 */
@Interceptor
public final class ConsentVersions {

  private final JdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate named;

  public ConsentVersions(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.named = new NamedParameterJdbcTemplate(jdbc);
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
  public void created(IBaseResource resource) {
    changed(resource);
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
  public void updated(IBaseResource previous, IBaseResource resource) {
    changed(previous);
    changed(resource);
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
  public void deleted(IBaseResource resource) {
    changed(resource);
  }

  private void changed(IBaseResource resource) {
    if (!(resource instanceof Consent consent)) {
      return;
    }
    IIdType patient = consent.getPatient().getReferenceElement();
    if (patient.getIdPart() == null) {
      return;
    }
    if (jdbc.update("update psg_consent_version set version = version + 1 where patient_id = ?", patient.getIdPart()) == 0) {
      jdbc.update("insert into psg_consent_version (patient_id, version) values (?, 1)", patient.getIdPart());
    }
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      writtenNow().add(patient.getIdPart());
    }
  }

  /** The clients whose consents the current database transaction has written. */
  public Set<String> writtenInThisTransaction() {
    return TransactionSynchronizationManager.isSynchronizationActive() ? Set.copyOf(writtenNow()) : Set.of();
  }

  private Set<String> writtenNow() {
    return TransactionResources.bound(this, HashSet::new);
  }

  /**
   * The clients' versions as committed, each row locked until the current database transaction
   * ends: a consent write of another transaction waits until then, so nothing can change them
   * between this read and the commit.
   */
  public Map<String, Long> lockedOf(Collection<String> patientIds) {
    Map<String, Long> versions = new HashMap<>();
    for (String patient : patientIds) {
      List<Long> found = jdbc.queryForList("select version from psg_consent_version where patient_id = ? for update",
          Long.class, patient);
      versions.put(patient, found.isEmpty() ? 0L : found.get(0));
    }
    return versions;
  }

  /** The clients' current versions as committed (0 for a client whose consents were never written). */
  public Map<String, Long> of(Collection<String> patientIds) {
    Map<String, Long> versions = new HashMap<>();
    patientIds.forEach(patient -> versions.put(patient, 0L));
    if (patientIds.isEmpty()) {
      return versions;
    }
    List<String> ids = List.copyOf(patientIds);
    for (int from = 0; from < ids.size(); from += 500) {
      named.query("select patient_id, version from psg_consent_version where patient_id in (:ids)",
          new MapSqlParameterSource("ids", ids.subList(from, Math.min(ids.size(), from + 500))),
          row -> {
            versions.put(row.getString(1), row.getLong(2));
          });
    }
    return versions;
  }
}
