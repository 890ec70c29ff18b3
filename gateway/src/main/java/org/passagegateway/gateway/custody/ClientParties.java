package org.passagegateway.gateway.custody;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.persistence.EntityManager;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Task;
import org.passagegateway.gateway.config.TransactionBundles;
import org.passagegateway.gateway.config.TransactionResources;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A client's parties follow her referrals (DESIGN.md, "Custody"): her custodian and the sites her
 * standing referral Tasks name. A new client is stored with the parties the referrals of her own
 * transaction make; a referral written later adds its sites to her record, reading nothing; a
 * referral that stops naming a site (rejected, cancelled, re-addressed) has her parties derived
 * again from her Tasks as they stand in that database transaction. Each is a change of her tags,
 * not a new version of her record, made just before the transaction commits.
 */
final class ClientParties {

  private static final String TAGS_ONLY = ClientParties.class.getName() + ".tagsOnly";
  private static final String CHANGES = ClientParties.class.getName() + ".changes";
  private static final String CREATED = ClientParties.class.getName() + ".created";
  private static final String WRITTEN = ClientParties.class.getName() + ".written";

  private final DaoRegistry daos;
  private final EntityManager entityManager;

  ClientParties(DaoRegistry daos, EntityManager entityManager) {
    this.daos = daos;
    this.entityManager = entityManager;
  }

  /** The parties of a client being created. */
  Set<String> ofNewClient(Patient client, String custodian, RequestDetails request) {
    Set<String> parties = Parties.ofClient(custodian, referralsSentWith(client, request));
    createdClients().put(client.getIdElement().getIdPart(), parties);
    return parties;
  }

  /** The parties of a stored client whose record is being updated: those her referrals make. */
  Set<String> ofStoredClient(Patient client, String custodian) {
    return Parties.ofClient(custodian, referralsOf(client.getIdElement().getIdPart()).values());
  }

  /** A referral Task written (with its previous version, or null), whose client's parties follow it. */
  void referralWritten(Task before, Task task) {
    writtenTasks().put(task.getIdElement().getIdPart(), task);
    if (before == null) {
      clientChanges().add(clientOf(task), newParties(task));
      return;
    }
    Set<String> named = Parties.ofClient(null, List.of(task));
    Set<String> namedBefore = Parties.ofClient(null, List.of(before));
    if (named.containsAll(namedBefore) && before.getFor().equalsDeep(task.getFor())) {
      Set<String> added = new LinkedHashSet<>(newParties(task));
      added.removeAll(namedBefore);
      clientChanges().add(clientOf(task), added);
    } else {
      // A site it named before may no longer be a party to her: her parties are derived again.
      clientChanges().rederive(clientOf(task));
      clientChanges().rederive(clientOf(before));
    }
  }

  /**
   * The referral Tasks of the transaction a new client is recorded in that name her (by her
   * entry's full URL or her id): she is created with the parties they make, as they are stored
   * after her.
   */
  private static List<Task> referralsSentWith(Patient client, RequestDetails request) {
    Set<String> names = new LinkedHashSet<>();
    names.add("Patient/" + client.getIdElement().getIdPart());
    TransactionBundles.of(request).ifPresent(bundle -> bundle.getEntry().stream()
        .filter(entry -> entry.getResource() == client && entry.hasFullUrl()).forEach(entry -> names.add(entry.getFullUrl())));
    return TransactionBundles.of(request).stream().flatMap(bundle -> bundle.getEntry().stream())
        .filter(entry -> entry.getResource() instanceof Task task && names.contains(task.getFor().getReference()))
        .map(entry -> (Task) entry.getResource()).toList();
  }

  /** The clients the current database transaction creates, with the parties she was stored with. */
  private Map<String, Set<String>> createdClients() {
    return TransactionResources.bound(CREATED, LinkedHashMap::new);
  }

  private static IdType clientOf(Task task) {
    return new IdType(task.getFor().getReference()).toUnqualifiedVersionless();
  }

  /**
   * What the current database transaction's referrals change of their clients' parties, applied
   * just before it commits, once every entry is stored: sites to add (no read of her record), or
   * her parties to derive again where a referral stopped naming a site.
   */
  private final class ClientChanges implements TransactionSynchronization {
    private final Map<IdType, Set<String>> added = new LinkedHashMap<>();
    private final Set<IdType> rederived = new LinkedHashSet<>();

    void add(IdType client, Set<String> sites) {
      added.computeIfAbsent(client, key -> new LinkedHashSet<>()).addAll(sites);
    }

    void rederive(IdType client) {
      rederived.add(client);
    }

    @Override
    public void beforeCommit(boolean readOnly) {
      Map<String, Set<String>> created = createdClients();
      added.forEach((client, sites) -> {
        if (!rederived.contains(client)) {
          Set<String> missing = new LinkedHashSet<>(sites);
          missing.removeAll(created.getOrDefault(client.getIdPart(), Set.of()));
          addParties(client, missing);
        }
      });
      rederived.forEach(ClientParties.this::refreshClient);
    }
  }

  private ClientChanges clientChanges() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return new ClientChanges();
    }
    return TransactionResources.bound(CHANGES, () -> {
      ClientChanges changes = new ClientChanges();
      TransactionSynchronizationManager.registerSynchronization(changes);
      return changes;
    });
  }

  /**
   * The sites a standing referral makes parties to its client, but its writer: the site that wrote
   * it is her custodian or, to refer her at all, already sees her.
   */
  private static Set<String> newParties(Task task) {
    Set<String> sites = new LinkedHashSet<>(Parties.ofClient(null, List.of(task)));
    CustodyTags.custodian(task).ifPresent(sites::remove);
    return sites;
  }

  /** Adds sites to her parties, reading nothing (a tag she has already is left as it is). */
  private void addParties(IdType client, Set<String> sites) {
    if (!"Patient".equals(client.getResourceType()) || !client.hasIdPart() || sites.isEmpty()) {
      return;
    }
    Meta added = new Meta();
    sites.forEach(site -> added.addTag(partyTag(site)));
    daos.getResourceDao("Patient").metaAddOperation(client, added, tagsOnly());
  }

  /** Derives her Patient's parties again and changes her tags where they differ. */
  private void refreshClient(IdType client) {
    if (!"Patient".equals(client.getResourceType()) || !client.hasIdPart()) {
      return;
    }
    Patient stored;
    try {
      stored = withoutAutoFlush(() -> (Patient) daos.getResourceDao("Patient").read(client.toUnqualifiedVersionless(),
          new SystemRequestDetails()));
    } catch (ResourceNotFoundException | ResourceGoneException absent) {
      return;
    }
    Optional<String> custodian = CustodyTags.custodian(stored);
    if (custodian.isEmpty()) {
      return;
    }
    Set<String> derived = Parties.ofClient(custodian.get(), referralsOf(client.getIdPart()).values());
    Set<String> current = CustodyTags.parties(stored);
    Meta added = new Meta();
    derived.stream().filter(party -> !current.contains(party)).forEach(party -> added.addTag(partyTag(party)));
    Meta removed = new Meta();
    current.stream().filter(party -> !derived.contains(party)).forEach(party -> removed.addTag(partyTag(party)));
    if (!added.getTag().isEmpty()) {
      daos.getResourceDao("Patient").metaAddOperation(client.toUnqualifiedVersionless(), added, tagsOnly());
    }
    if (!removed.getTag().isEmpty()) {
      daos.getResourceDao("Patient").metaDeleteOperation(client.toUnqualifiedVersionless(), removed, tagsOnly());
    }
  }

  /** Her referral Tasks as they stand now: as stored, and as written by the current database transaction. */
  private Map<String, Task> referralsOf(String patient) {
    Map<String, Task> tasks = new LinkedHashMap<>();
    SearchParameterMap search = SearchParameterMap.newSynchronous().add(Task.SP_PATIENT, new ReferenceParam("Patient/" + patient));
    withoutAutoFlush(() -> daos.getResourceDao("Task").search(search, new SystemRequestDetails()).getAllResources())
        .forEach(found -> tasks.put(found.getIdElement().getIdPart(), (Task) found));
    writtenTasks().values().stream()
        .filter(task -> patient.equals(new IdType(task.getFor().getReference()).getIdPart()))
        .forEach(task -> tasks.put(task.getIdElement().getIdPart(), task));
    return tasks;
  }

  /** The Tasks the current database transaction has written (its search index may not show them yet). */
  private Map<String, Task> writtenTasks() {
    return TransactionResources.bound(WRITTEN, LinkedHashMap::new);
  }

  /**
   * Reads inside a write without first flushing it: what the transaction wrote is known from its
   * own entries, and a flush in the middle of HAPI's writes, while another transaction holds the
   * tag definitions HAPI shares between sessions, fails.
   */
  private <T> T withoutAutoFlush(Supplier<T> read) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      return read.get();
    }
    Session session = entityManager.unwrap(Session.class);
    FlushMode mode = session.getHibernateFlushMode();
    session.setHibernateFlushMode(FlushMode.MANUAL);
    try {
      return read.get();
    } finally {
      session.setHibernateFlushMode(mode);
    }
  }

  static boolean isTagChange(RequestDetails request) {
    return request != null && request.getUserData().containsKey(TAGS_ONLY);
  }

  /** The gateway's own request for a change of tags alone, which no other hook need look at. */
  static SystemRequestDetails tagsOnly() {
    SystemRequestDetails request = new SystemRequestDetails();
    request.getUserData().put(TAGS_ONLY, Boolean.TRUE);
    return request;
  }

  private static Coding partyTag(String party) {
    return new Coding(CustodyTags.PARTY, party, null);
  }
}
