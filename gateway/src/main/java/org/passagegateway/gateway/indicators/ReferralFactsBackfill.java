package org.passagegateway.gateway.indicators;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Task;
import org.passagegateway.gateway.config.ClusterLock;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Gives the clients, referrals and referral Tasks stored before indicators existed their facts,
 * once, at the first start after the upgrade (one node; the others wait and find it done). A
 * Task's sending and starting times are read from its history: the time of its first version in
 * {@code requested} or beyond, and in {@code in-progress} or {@code completed}. Resources written
 * since the facts existed are left as their writes kept them.
 */
final class ReferralFactsBackfill implements ApplicationRunner {

  static final String NAME = "referral-facts";
  private static final int PAGE = 500;

  private final DaoRegistry daos;
  private final ReferralFacts facts;
  private final JdbcTemplate jdbc;
  private final ClusterLock lock;
  private final Clock clock;

  ReferralFactsBackfill(DaoRegistry daos, ReferralFacts facts, JdbcTemplate jdbc, ClusterLock lock, Clock clock) {
    this.daos = daos;
    this.facts = facts;
    this.jdbc = jdbc;
    this.lock = lock;
    this.clock = clock;
  }

  @Override
  public void run(ApplicationArguments args) {
    lock.run("referral-facts-backfill", () -> {
      Integer done = jdbc.queryForObject("select count(*) from psg_backfill where name = ?", Integer.class, NAME);
      if (done != null && done > 0) {
        return null;
      }
      for (String type : List.of("Patient", "ServiceRequest", "Task")) {
        backfill(type);
      }
      jdbc.update("insert into psg_backfill (name, done_at) values (?, ?)", NAME, Timestamp.from(clock.instant()));
      return null;
    });
  }

  private void backfill(String type) {
    IFhirResourceDao<?> dao = daos.getResourceDao(type);
    for (int offset = 0; ; offset += PAGE) {
      SearchParameterMap page = SearchParameterMap.newSynchronous();
      page.setCount(PAGE);
      page.setOffset(offset);
      page.setSort(new SortSpec("_id"));
      List<IBaseResource> resources = dao.search(page, new SystemRequestDetails()).getAllResources();
      for (IBaseResource resource : resources) {
        if (!facts.known(resource)) {
          try {
            if (resource instanceof Task task) {
              facts.backfill(task, firstTime(dao, task, ReferralFacts.SENT), firstTime(dao, task, ReferralFacts.STARTED));
            } else {
              facts.backfill(resource, null, null);
            }
          } catch (org.springframework.dao.DuplicateKeyException writtenMeanwhile) {
            // A write of this resource gave it its facts while the backfill ran: those are current.
          }
        }
      }
      if (resources.size() < PAGE) {
        return;
      }
    }
  }

  /** When the Task was first sent and first started, from its history (either may be null). */
  static Instant[] steps(DaoRegistry daos, Task task) {
    IFhirResourceDao<?> dao = daos.getResourceDao("Task");
    return new Instant[] {firstTime(dao, task, ReferralFacts.SENT), firstTime(dao, task, ReferralFacts.STARTED)};
  }

  /** When the Task was first stored in one of these states, from its history (oldest first). */
  private static Instant firstTime(IFhirResourceDao<?> dao, Task task, java.util.Set<Task.TaskStatus> states) {
    IBundleProvider history = dao.history(task.getIdElement().toUnqualifiedVersionless(), null, null, null,
        new SystemRequestDetails());
    List<IBaseResource> versions = history.getAllResources();
    Instant first = null;
    for (IBaseResource version : versions) {
      Task earlier = (Task) version;
      if (states.contains(earlier.getStatus()) && earlier.getMeta().getLastUpdated() != null) {
        Instant at = earlier.getMeta().getLastUpdated().toInstant();
        first = first == null || at.isBefore(first) ? at : first;
      }
    }
    return first;
  }
}
