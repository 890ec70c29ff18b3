package org.passagegateway.gateway.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every gateway node on a database derives pseudonyms with the same key for each epoch: the first
 * node to start with a key records its fingerprint ({@code psg_pseudonym_key}), and a node whose
 * key for that epoch differs refuses to start, naming the epoch, instead of quietly giving the same
 * woman another pseudonym than its peers do.
 */
final class PseudonymKeyAgreement implements ApplicationRunner {

  private final PseudonymKeys keys;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  PseudonymKeyAgreement(PseudonymKeys keys, JdbcTemplate jdbc, Clock clock) {
    this.keys = keys;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public void run(ApplicationArguments args) {
    for (int epoch : keys.byEpoch().keySet()) {
      String mine = keys.fingerprint(epoch);
      String recorded = recorded(epoch);
      if (recorded == null) {
        try {
          jdbc.update("INSERT INTO psg_pseudonym_key (epoch, fingerprint, recorded_at) VALUES (?, ?, ?)", epoch, mine,
              Timestamp.from(clock.instant()));
          continue;
        } catch (DataIntegrityViolationException recordedMeanwhile) {
          recorded = recorded(epoch); // another node starting at the same moment recorded its key first
        }
      }
      if (!mine.equals(recorded)) {
        throw new IllegalStateException("passage.identity.keys: the key of epoch " + epoch
            + " is not the one this database's pseudonyms were derived with (their fingerprints differ); every gateway"
            + " node must be given the same key for each epoch");
      }
    }
  }

  private String recorded(int epoch) {
    List<String> found = jdbc.queryForList("SELECT fingerprint FROM psg_pseudonym_key WHERE epoch = ?", String.class, epoch);
    return found.isEmpty() ? null : found.get(0);
  }
}
