package org.passagegateway.gateway.consent;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a node remembers of clients' consents in force, for read requests: for each client, all her
 * active consents (by custodian) as read under her consent version. An entry is used only when
 * the version the request reads from the database is the one it was read under, so a consent
 * changed or revoked by a committed transaction, on any node, is never used again; reading the
 * versions of a page of clients is one small query, where reading their consents is a FHIR search.
 *
 * <p>Only for requests that write nothing: a request that writes a consent reads its own
 * uncommitted version, which must not be remembered.
 */
final class ConsentCache {

  private record Entry(long version, Map<String, ConsentPolicy> byCustodian) {}

  private final ConsentStore store;
  private final ConsentVersions versions;
  private final Cache<String, Entry> byPatient;

  ConsentCache(ConsentStore store, ConsentVersions versions, long maximumClients) {
    this.store = store;
    this.versions = versions;
    this.byPatient = Caffeine.newBuilder().maximumSize(maximumClients).build();
  }

  /** The consents in force for these clients, by {@code patient|custodian} (absent: none in force). */
  Map<String, Optional<ConsentPolicy>> consentsOf(Set<String> patients) {
    Map<String, Long> current = versions.of(patients);
    Map<String, Optional<ConsentPolicy>> found = new HashMap<>();
    Set<String> unknown = new HashSet<>();
    for (String patient : patients) {
      Entry entry = byPatient.getIfPresent(patient);
      if (entry != null && entry.version() == current.get(patient)) {
        entry.byCustodian().forEach((custodian, policy) -> found.put(patient + "|" + custodian, Optional.of(policy)));
      } else {
        unknown.add(patient);
      }
    }
    if (!unknown.isEmpty()) {
      Map<String, Optional<ConsentPolicy>> read = store.active(unknown);
      Map<String, Map<String, ConsentPolicy>> byClient = new HashMap<>();
      unknown.forEach(patient -> byClient.put(patient, new HashMap<>()));
      read.forEach((key, policy) -> {
        int bar = key.indexOf('|');
        // Two active consents of one custodian govern nothing: remembered as none.
        policy.ifPresent(p -> byClient.get(key.substring(0, bar)).put(key.substring(bar + 1), p));
        found.put(key, policy);
      });
      byClient.forEach((patient, policies) -> byPatient.put(patient, new Entry(current.get(patient), Map.copyOf(policies))));
    }
    return found;
  }
}
