package org.passagegateway.gateway.custody;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Resource;
import org.passagegateway.gateway.consent.ConsentPolicy;

/**
 * What one request (or one action of the gateway's own) has read and decided about client data:
 * the consents in force as it read them and their versions, its verdicts (one per site and
 * resource version), and which of them were shown. Kept in the request's user data, which the
 * entries of a transaction or batch share; nothing outlives the request.
 */
final class VisibilityScope {

  private static final String KEY = VisibilityScope.class.getName();

  /** Requests that write nothing: they may use consents a node remembers under an unchanged version. */
  private static final Set<RestOperationTypeEnum> READS = EnumSet.of(RestOperationTypeEnum.READ, RestOperationTypeEnum.VREAD,
      RestOperationTypeEnum.SEARCH_TYPE, RestOperationTypeEnum.SEARCH_SYSTEM, RestOperationTypeEnum.GET_PAGE,
      RestOperationTypeEnum.HISTORY_INSTANCE, RestOperationTypeEnum.HISTORY_TYPE);

  private final Instant started;
  private final boolean readOnly;
  private final Map<String, Optional<ConsentPolicy>> consents = new HashMap<>();
  private final Set<String> clientsRead = new HashSet<>();
  private final Map<String, Long> versions = new HashMap<>();
  private final Map<String, Verdict> verdicts = new HashMap<>();
  private final List<String> decided = new ArrayList<>();
  private final Set<String> shown = new HashSet<>();
  private final Map<String, Boolean> doNotContact = new HashMap<>();
  private final Set<String> recordedNow = new HashSet<>();
  private boolean recordedNowTaken;

  private VisibilityScope(Instant started, boolean readOnly) {
    this.started = started;
    this.readOnly = readOnly;
  }

  /** The request's scope, begun at its first decision. */
  static VisibilityScope of(RequestDetails request, Instant now) {
    return (VisibilityScope) request.getUserData().computeIfAbsent(KEY,
        key -> new VisibilityScope(now, READS.contains(request.getRestOperationType())));
  }

  static Optional<VisibilityScope> find(RequestDetails request) {
    return request == null ? Optional.empty() : Optional.ofNullable((VisibilityScope) request.getUserData().get(KEY));
  }

  /** A scope for one action of the gateway's own (a notification), deciding against the database. */
  static VisibilityScope alone(Instant now) {
    return new VisibilityScope(now, false);
  }

  /** The key of a verdict: one per site and resource version. */
  static String key(Viewer viewer, Resource resource) {
    return (viewer == null ? "" : viewer.site()) + "|" + resource.fhirType() + "/" + resource.getIdElement().getIdPart()
        + "/" + resource.getIdElement().getVersionIdPart();
  }

  Instant started() {
    return started;
  }

  /** Whether the request writes nothing (so it may use remembered consents and pins nothing). */
  boolean readOnly() {
    return readOnly;
  }

  boolean hasConsentsOf(String patient) {
    return clientsRead.contains(patient);
  }

  /**
   * The consents in force read for these clients, by {@code patient|custodian}, and (for a request
   * that writes, which pins them) the consent versions they were read under.
   */
  void readConsents(Set<String> clients, Map<String, Long> clientVersions, Map<String, Optional<ConsentPolicy>> inForce) {
    clientsRead.addAll(clients);
    versions.putAll(clientVersions);
    inForce.forEach((key, policy) -> {
      if (!recordedNow.contains(key)) {
        consents.put(key, policy);
      }
    });
  }

  Optional<ConsentPolicy> consent(String patient, String custodian) {
    return consents.getOrDefault(patient + "|" + custodian, Optional.empty());
  }

  /** A consent the request itself records, which governs from now on in this request. */
  void recordedNow(ConsentPolicy policy) {
    String key = policy.patient() + "|" + policy.custodian();
    consents.put(key, Optional.of(policy));
    recordedNow.add(key);
  }

  /** Whether the request itself records the client's consent held by this custodian. */
  boolean recordedNow(String patient, String custodian) {
    return recordedNow.contains(patient + "|" + custodian);
  }

  /** True the first time only: the consents the request records are taken once. */
  boolean takeRecordedNow() {
    boolean first = !recordedNowTaken;
    recordedNowTaken = true;
    return first;
  }

  long versionOf(String patient) {
    return versions.getOrDefault(patient, 0L);
  }

  Verdict verdict(String key) {
    return verdicts.get(key);
  }

  void decided(String key, Verdict verdict) {
    verdicts.put(key, verdict);
    if (verdict.byConsent()) {
      decided.add(key);
    }
  }

  void shown(String key) {
    shown.add(key);
  }

  Optional<Boolean> doNotContact(String key) {
    return Optional.ofNullable(doNotContact.get(key));
  }

  void doNotContact(String key, boolean applies) {
    doNotContact.put(key, applies);
  }

  /**
   * The consent decisions to account for: every deny, and, when the request succeeded, every
   * permit whose resource left the gateway in the response.
   */
  List<Verdict> accounted(boolean succeeded) {
    List<Verdict> accounted = new ArrayList<>();
    for (String key : decided) {
      Verdict verdict = verdicts.get(key);
      if (!verdict.shows() || succeeded && shown.contains(key)) {
        accounted.add(verdict);
      }
    }
    return accounted;
  }

  /** Forgets what was accounted for (each decision is recorded once). */
  void accountedFor() {
    decided.clear();
  }
}
