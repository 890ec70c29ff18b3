package org.passagegateway.gateway.indicators;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.passagegateway.testdata.DemoNetwork;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A generated referral network's facts, in one year of the past that no other test writes in, for
 * evaluating indicators against a known set: the demo sites, random clients (some without sex or
 * birth year, some opted out of indicators), services, statuses, reasons and times.
 */
final class GeneratedReferrals {

  /** One referral fact, as the fact writer would keep it. */
  record Fact(String task, String patient, String requester, String owner, String performerType, String status,
      String reason, Instant sent, Instant accepted, Instant started, Instant ended, String service, boolean releasePlanning,
      String sex, Integer birthYear, String woman) {

    Long acceptSeconds() {
      return sent == null || accepted == null ? null : Duration.between(sent, accepted).getSeconds();
    }

    Long completeSeconds() {
      return "completed".equals(status) && sent != null && ended != null ? Duration.between(sent, ended).getSeconds() : null;
    }
  }

  static final List<String> SERVICES = List.of("pmtct", "prison-pmtct", "ost", "nsp", "shelter", "tb", "prenatal-care",
      "naloxone", "case-management", "harm-reduction-package");
  static final List<String> SEXES = List.of("female", "female", "female", "male", "other");
  static final List<String> REJECTIONS = List.of("no-capacity", "eligibility-not-met", "service-not-offered");
  static final List<String> CANCELLATIONS = List.of("client-withdrew", "client-unreachable");

  private GeneratedReferrals() {}

  /** Facts sent in {@code year} and a few in the days after it, written to the table; the old ones of that year removed. */
  static List<Fact> write(JdbcTemplate jdbc, int year, int count, long seed) {
    clear(jdbc, year);
    Random random = new Random(seed);
    Instant from = LocalDate.of(year, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
    List<String> women = new ArrayList<>();
    for (int i = 0; i < count / 3; i++) {
      women.add("woman-" + year + "-" + i);
    }
    List<Fact> facts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String requester = pick(random, DemoNetwork.SITES);
      String owner = random.nextInt(12) == 0 ? null : pick(random, DemoNetwork.SITES);
      String performerType = owner == null ? pick(random, List.of("antenatal-clinic", "womens-shelter")) : null;
      Instant sent = random.nextInt(20) == 0 ? null : from.plusSeconds(random.nextInt(380 * 24 * 3600));
      String status = sent == null ? pick(random, List.of("draft", "cancelled"))
          : pick(random, List.of("requested", "accepted", "in-progress", "completed", "completed", "rejected",
              "cancelled", "failed", "entered-in-error"));
      Instant accepted = sent != null && Set.of("accepted", "in-progress", "completed", "failed").contains(status)
          ? sent.plusSeconds(600 + random.nextInt(9 * 24 * 3600)) : null;
      Instant started = accepted != null && Set.of("in-progress", "completed").contains(status)
          ? accepted.plusSeconds(random.nextInt(3 * 24 * 3600)) : null;
      Instant ended = Set.of("completed", "failed", "rejected", "cancelled").contains(status) && sent != null
          ? (started != null ? started : sent).plusSeconds(3600 + random.nextInt(20 * 24 * 3600)) : null;
      String reason = "rejected".equals(status) ? pick(random, REJECTIONS)
          : "cancelled".equals(status) ? pick(random, CANCELLATIONS) : null;
      String sex = random.nextInt(15) == 0 ? null : pick(random, SEXES);
      Integer birthYear = random.nextInt(10) == 0 ? null : year - 16 - random.nextInt(30);
      String patient = "gen-" + UUID.randomUUID();
      Fact fact = new Fact("gen-" + UUID.randomUUID(), patient, requester, owner, performerType, status, reason, sent,
          accepted, started, ended, pick(random, SERVICES), random.nextInt(3) == 0, sex, birthYear, pick(random, women));
      facts.add(fact);
      insert(jdbc, fact);
      if (random.nextInt(25) == 0) {
        jdbc.update("insert into psg_statistics_exclusion (patient_id, custodian, consent_id) values (?, ?, ?)",
            patient, requester, "gen-consent");
      }
    }
    return facts;
  }

  static boolean excluded(JdbcTemplate jdbc, Fact fact) {
    Integer n = jdbc.queryForObject("select count(*) from psg_statistics_exclusion where patient_id = ? and custodian = ?",
        Integer.class, fact.patient(), fact.requester());
    return n != null && n > 0;
  }

  static void clear(JdbcTemplate jdbc, int year) {
    jdbc.update("delete from psg_statistics_exclusion where consent_id = 'gen-consent' and patient_id in (select patient_id"
        + " from psg_referral_fact where woman like ?)", "woman-" + year + "-%");
    jdbc.update("delete from psg_referral_fact where woman like ?", "woman-" + year + "-%");
    jdbc.update("delete from psg_indicator_release where period_start >= ? and period_start < ?",
        java.sql.Date.valueOf(LocalDate.of(year, 1, 1)), java.sql.Date.valueOf(LocalDate.of(year + 1, 1, 1)));
  }

  static void insert(JdbcTemplate jdbc, Fact f) {
    jdbc.update("insert into psg_referral_fact (task_id, patient_id, request_id, requester, owner, performer_type, status,"
        + " status_reason, sent_at, accepted_at, started_at, ended_at, accept_seconds, complete_seconds, service_type,"
        + " release_planning, sex, birth_year, woman) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        f.task(), f.patient(), "gen-request", f.requester(), f.owner(), f.performerType(), f.status(), f.reason(),
        ts(f.sent()), ts(f.accepted()), ts(f.started()), ts(f.ended()), f.acceptSeconds(), f.completeSeconds(), f.service(),
        f.releasePlanning(), f.sex(), f.birthYear(), f.woman());
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
