package org.passagegateway.gateway.indicators;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.passagegateway.gateway.config.Stages;
import org.passagegateway.gateway.custody.Custodians;
import org.passagegateway.gateway.identity.HerRecords;
import org.passagegateway.terminology.PassageTerminology;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps the facts indicators count ({@code psg_referral_fact}) in the transaction of every write of
 * a referral Task, its ServiceRequest or its client, whoever writes it, so that evaluation is a
 * set-based query over one table and never reads a resource. A Task's row carries what the Task
 * says (its sites, status and coded reason), when it reached each step by the gateway's clock
 * (sent: first in {@code requested} or beyond; accepted and ended: its {@code executionPeriod}, as
 * the workflow keeps it; started: first in {@code in-progress} or {@code completed}), and copies of
 * its ServiceRequest's and client's facts, which their own writes bring up to date.
 */
@Interceptor
final class ReferralFacts {

  /** Statuses a Task reaches only once it has been sent. */
  static final Set<TaskStatus> SENT = Set.of(TaskStatus.REQUESTED, TaskStatus.RECEIVED, TaskStatus.ACCEPTED,
      TaskStatus.REJECTED, TaskStatus.READY, TaskStatus.INPROGRESS, TaskStatus.ONHOLD, TaskStatus.FAILED,
      TaskStatus.COMPLETED);
  static final Set<TaskStatus> STARTED = Set.of(TaskStatus.INPROGRESS, TaskStatus.COMPLETED);
  private static final String RELEASE_PLANNING = "release-planning";

  private final JdbcTemplate jdbc;
  private final HerRecords records;
  private final Clock clock;
  /** When a stored Task was first sent and first started, from its history (either may be null). */
  private final java.util.function.Function<Task, Instant[]> history;

  ReferralFacts(JdbcTemplate jdbc, HerRecords records, Clock clock, java.util.function.Function<Task, Instant[]> history) {
    this.jdbc = jdbc;
    this.records = records;
    this.clock = clock;
    this.history = history;
  }

  @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED, order = Stages.AUDIT)
  public void created(IBaseResource resource) {
    written(resource);
  }

  @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED, order = Stages.AUDIT)
  public void updated(IBaseResource previous, IBaseResource resource, ca.uhn.fhir.rest.api.server.RequestDetails request) {
    if (Custodians.isTagChange(request)) {
      // The gateway's change of a client's party tags: none of her facts changes.
      return;
    }
    if (resource instanceof Task task && previous instanceof Task before && !known(task)) {
      // A Task stored before its facts existed, updated before the backfill reached it: its earlier
      // steps are those of its history (or, where that is not readable here, of the version this
      // update replaces), not now.
      Instant now = clock.instant();
      Instant[] steps = history.apply(task);
      Instant replaced = before.getMeta().getLastUpdated() == null ? now : before.getMeta().getLastUpdated().toInstant();
      Instant sent = earliest(steps[0], SENT.contains(before.getStatus()) ? replaced : null, now);
      Instant started = earliest(steps[1], STARTED.contains(before.getStatus()) ? replaced : null, now);
      task(task, sent, started);
      return;
    }
    written(resource);
  }

  @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED, order = Stages.AUDIT)
  public void deleted(IBaseResource resource) {
    if (resource instanceof Task task) {
      jdbc.update("delete from psg_referral_fact where task_id = ?", task.getIdElement().getIdPart());
    }
  }

  private void written(IBaseResource resource) {
    if (resource instanceof Task task) {
      task(task);
    } else if (resource instanceof ServiceRequest request) {
      request(request);
    } else if (resource instanceof Patient client) {
      client(client);
    }
  }

  private void task(Task task) {
    Instant now = clock.instant();
    task(task, now, now);
  }

  /**
   * The facts of a Task stored before indicators existed: when it was first sent and first started
   * are those of its history (the first version in each state), not now.
   */
  void backfill(IBaseResource resource, Instant firstSent, Instant firstStarted) {
    if (resource instanceof Task task) {
      task(task, firstSent, firstStarted);
    } else {
      written(resource);
    }
  }

  /** The earliest of the times known, else {@code otherwise}. */
  private static Instant earliest(Instant first, Instant second, Instant otherwise) {
    return java.util.stream.Stream.of(first, second).filter(java.util.Objects::nonNull).min(Instant::compareTo)
        .orElse(otherwise);
  }

  /** Whether the resource has its facts already. */
  boolean known(IBaseResource resource) {
    String table = resource instanceof Task ? "psg_referral_fact where task_id"
        : resource instanceof ServiceRequest ? "psg_referral_request_fact where request_id" : "psg_client_fact where patient_id";
    Integer n = jdbc.queryForObject("select count(*) from " + table + " = ?", Integer.class,
        resource.getIdElement().getIdPart());
    return n != null && n > 0;
  }

  private void task(Task task, Instant sentIfNow, Instant startedIfNow) {
    String id = task.getIdElement().getIdPart();
    List<Instant[]> stored = jdbc.query("select sent_at, started_at from psg_referral_fact where task_id = ?",
        (row, i) -> new Instant[] {instant(row.getTimestamp(1)), instant(row.getTimestamp(2))}, id);
    Instant sent = stored.isEmpty() ? null : stored.get(0)[0];
    Instant started = stored.isEmpty() ? null : stored.get(0)[1];
    TaskStatus status = task.getStatus();
    if (sent == null && SENT.contains(status)) {
      sent = sentIfNow;
    }
    if (started == null && STARTED.contains(status)) {
      started = startedIfNow;
    }
    Instant accepted = stored(task.getExecutionPeriod().getStartElement());
    Instant ended = stored(task.getExecutionPeriod().getEndElement());
    Long acceptSeconds = seconds(sent, accepted);
    Long completeSeconds = status == TaskStatus.COMPLETED ? seconds(sent, ended) : null;
    String patient = idOf(task.getFor());
    String request = idOf(task.getFocus());
    Object[] values = {patient, request, idOf(task.getRequester()), idOf(task.getOwner()),
        code(task.getPerformerType(), PassageTerminology.SITE_TYPE), status == null ? "unknown" : status.toCode(),
        firstCode(task.getStatusReason()), timestamp(sent), timestamp(accepted), timestamp(started), timestamp(ended),
        acceptSeconds, completeSeconds, request, request, patient, patient, patient, id};
    int updated = jdbc.update("update psg_referral_fact set patient_id = ?, request_id = ?, requester = ?, owner = ?,"
        + " performer_type = ?, status = ?, status_reason = ?, sent_at = ?, accepted_at = ?, started_at = ?, ended_at = ?,"
        + " accept_seconds = ?, complete_seconds = ?, service_type = " + REQUEST_SERVICE + ", release_planning = "
        + REQUEST_RELEASE + ", sex = " + CLIENT_SEX + ", birth_year = " + CLIENT_BIRTH_YEAR + ", woman = " + CLIENT_WOMAN
        + " where task_id = ?", values);
    if (updated == 0) {
      jdbc.update("insert into psg_referral_fact (patient_id, request_id, requester, owner, performer_type, status,"
          + " status_reason, sent_at, accepted_at, started_at, ended_at, accept_seconds, complete_seconds, service_type,"
          + " release_planning, sex, birth_year, woman, task_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
          + REQUEST_SERVICE + ", " + REQUEST_RELEASE + ", " + CLIENT_SEX + ", " + CLIENT_BIRTH_YEAR + ", " + CLIENT_WOMAN
          + ", ?)", values);
    }
  }

  /** The copies of a Task's ServiceRequest's and client's facts (null until they are written). */
  private static final String REQUEST_SERVICE = "(select service_type from psg_referral_request_fact where request_id = ?)";
  private static final String REQUEST_RELEASE =
      "coalesce((select release_planning from psg_referral_request_fact where request_id = ?), false)";
  private static final String CLIENT_SEX = "(select sex from psg_client_fact where patient_id = ?)";
  private static final String CLIENT_BIRTH_YEAR = "(select birth_year from psg_client_fact where patient_id = ?)";
  private static final String CLIENT_WOMAN = "(select woman from psg_client_fact where patient_id = ?)";

  private void request(ServiceRequest request) {
    String id = request.getIdElement().getIdPart();
    String serviceType = code(request.getCode(), PassageTerminology.SERVICE_TYPE);
    boolean releasePlanning = request.getReasonCode().stream().flatMap(reason -> reason.getCoding().stream())
        .anyMatch(c -> PassageTerminology.REFERRAL_REASON.equals(c.getSystem()) && RELEASE_PLANNING.equals(c.getCode()));
    if (jdbc.update("update psg_referral_request_fact set service_type = ?, release_planning = ? where request_id = ?",
        serviceType, releasePlanning, id) == 0) {
      jdbc.update("insert into psg_referral_request_fact (request_id, service_type, release_planning) values (?, ?, ?)",
          id, serviceType, releasePlanning);
    }
    jdbc.update("update psg_referral_fact set service_type = ?, release_planning = ? where request_id = ?",
        serviceType, releasePlanning, id);
  }

  private void client(Patient client) {
    String id = client.getIdElement().getIdPart();
    String sex = client.hasGender() ? client.getGender().toCode() : null;
    Integer birthYear = client.hasBirthDate() ? client.getBirthDateElement().getYear() : null;
    String custodian = client.getMeta().getTag().stream().filter(tag -> Custodians.TAG_SYSTEM.equals(tag.getSystem()))
        .map(Coding::getCode).findFirst().orElse(null);
    String woman = records.womanOf(client, custodian);
    if (jdbc.update("update psg_client_fact set sex = ?, birth_year = ?, woman = ? where patient_id = ?",
        sex, birthYear, woman, id) == 0) {
      jdbc.update("insert into psg_client_fact (patient_id, sex, birth_year, woman) values (?, ?, ?, ?)",
          id, sex, birthYear, woman);
    }
    jdbc.update("update psg_referral_fact set sex = ?, birth_year = ?, woman = ? where patient_id = ?",
        sex, birthYear, woman, id);
  }

  private static String code(CodeableConcept concept, String system) {
    return code(List.of(concept), system);
  }

  private static String code(List<CodeableConcept> concepts, String system) {
    return concepts.stream().flatMap(concept -> concept.getCoding().stream())
        .filter(coding -> system.equals(coding.getSystem())).map(Coding::getCode).findFirst().orElse(null);
  }

  private static String firstCode(CodeableConcept concept) {
    return concept.getCoding().stream().map(Coding::getCode).filter(code -> code != null).findFirst().orElse(null);
  }

  private static String idOf(Reference reference) {
    return reference == null || !reference.hasReference() ? null : reference.getReferenceElement().getIdPart();
  }

  private static Long seconds(Instant from, Instant to) {
    return from == null || to == null ? null : Math.max(0, Duration.between(from, to).getSeconds());
  }

  /** The time as the resource stores it (at the precision it is written with, as it reads back). */
  private static Instant stored(DateTimeType time) {
    return time == null || !time.hasValue() ? null : new DateTimeType(time.getValueAsString()).getValue().toInstant();
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
