package org.passagegateway.gateway.identity;

import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The pseudonyms this gateway issued (never the UICs): what a write may carry as a client's network
 * pseudonym, and for a pseudonym of an earlier epoch, the current one of the same woman.
 */
final class PseudonymRegistry {

  private final JdbcTemplate jdbc;

  PseudonymRegistry(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records her pseudonyms of every epoch, each linked to the current one (an earlier epoch's,
   * issued before the current key existed, now names the current one). One write per pseudonym,
   * an insert or an update, whether or not she was known, so that issuing does the same work
   * either way (standard SQL MERGE: PostgreSQL 15 and H2).
   */
  void issue(Map<Integer, String> byEpoch, String current) {
    byEpoch.forEach((epoch, pseudonym) -> {
      try {
        jdbc.update(MERGE, pseudonym, epoch, current);
      } catch (DuplicateKeyException issuedConcurrently) {
        // Another request inserted it at the same moment: write it again, now as an update.
        jdbc.update(MERGE, pseudonym, epoch, current);
      }
    });
  }

  private static final String MERGE = "merge into psg_pseudonym p using (values (cast(? as varchar(200)),"
      + " cast(? as int), cast(? as varchar(24)))) v (pseudonym, epoch, current_pseudonym) on p.pseudonym = v.pseudonym"
      + " when matched then update set current_pseudonym = v.current_pseudonym"
      + " when not matched then insert (pseudonym, epoch, current_pseudonym) values (v.pseudonym, v.epoch,"
      + " v.current_pseudonym)";

  /** Whether the gateway issued this pseudonym. */
  boolean issued(String pseudonym) {
    return current(pseudonym).isPresent();
  }

  /** The current pseudonym of the woman this pseudonym was issued to. */
  Optional<String> current(String pseudonym) {
    return jdbc.query("select current_pseudonym from psg_pseudonym where pseudonym = ?",
        row -> row.next() ? Optional.of(row.getString(1)) : Optional.empty(), pseudonym);
  }

  /** The pseudonyms linked to this current one (of earlier epochs, or written before pseudonyms were issued). */
  java.util.List<String> linkedTo(String current) {
    return jdbc.queryForList("select pseudonym from psg_pseudonym where current_pseudonym = ?", String.class, current);
  }

  /**
   * Links a pseudonym one site's records carried before pseudonyms were issued to her issued one
   * (epoch 0, kept under the site's key: another site's same text is another woman's). Answers
   * false when the site had linked it to another woman already.
   */
  boolean linkEarlier(String siteKey, String current) {
    try {
      jdbc.update("insert into psg_pseudonym (pseudonym, epoch, current_pseudonym) select ?, 0, ?"
          + " where not exists (select 1 from psg_pseudonym where pseudonym = ?)", siteKey, current, siteKey);
    } catch (DuplicateKeyException linkedConcurrently) {
      // Linked by another request at the same moment: compared below like any other.
    }
    return current(siteKey).map(current::equals).orElse(false);
  }

  /** How many women hold a pseudonym of the current epoch: the network's size, as far as identity knows it. */
  long women(int currentEpoch) {
    Long count = jdbc.queryForObject("select count(*) from psg_pseudonym where epoch = ?", Long.class, currentEpoch);
    return count == null ? 0 : count;
  }
}
