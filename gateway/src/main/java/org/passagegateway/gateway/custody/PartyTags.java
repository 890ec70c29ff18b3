package org.passagegateway.gateway.custody;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import jakarta.persistence.EntityManager;
import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Task;
import org.passagegateway.gateway.config.Stages;
import org.passagegateway.gateway.config.TransactionBundles;
import org.passagegateway.gateway.config.TransactionResources;
import org.passagegateway.gateway.security.Callers;
import org.passagegateway.gateway.security.ResourceCategory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records the custody tags on every write of client data, whoever makes it (a site, a transaction
 * entry, an operation, the gateway itself), on HAPI's own broadcaster: the custodian (on create
 * the writing site, from its token, or the gateway's own choice for its own writes; on update the
 * stored one) and the {@link Parties} derived from the resource as written. A client's parties
 * follow her referrals: when one of her referral Tasks is written, her Patient's party tags are
 * derived again from her Tasks as they stand in that database transaction (a tag change, not a
 * new version of her record).
 */
@Interceptor
final class PartyTags {

  private static final String TAGS_ONLY = PartyTags.class.getName() + ".tagsOnly";
  private static final String REFRESH = PartyTags.class.getName() + ".refresh";
  private static final String UPDATING = PartyTags.class.getName() + ".updating";
  private static final String CREATED = PartyTags.class.getName() + ".created";

  private final DaoRegistry daos;
  private final EntityManager entityManager;

  PartyTags(DaoRegistry daos, EntityManager entityManager) {
    this.daos = daos;
    this.entityManager = entityManager;
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = Stages.CUSTODY)
  public void created(RequestDetails request, IBaseResource resource) {
    if (!isClinical(resource)) {
      return;
    }
    Optional<String> custodian = Callers.site(request).flatMap(caller -> caller.organizationId())
        .or(() -> Callers.of(request).isPresent() ? Optional.empty() : CustodyTags.custodian(resource));
    record((Resource) resource, custodian, request);
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = Stages.CUSTODY)
  public void updated(RequestDetails request, IBaseResource previous, IBaseResource resource) {
    if (!isClinical(resource) || isTagChange(request)) {
      return;
    }
    Optional<String> custodian = CustodyTags.custodian(previous)
        .or(() -> Callers.site(request).flatMap(caller -> caller.organizationId()));
    ((Resource) resource).setUserData(UPDATING, Boolean.TRUE);
    record((Resource) resource, custodian, request);
    ((Resource) resource).setUserData(UPDATING, null);
  }

  @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED, order = Stages.CUSTODY)
  public void referralCreated(IBaseResource resource) {
    if (resource instanceof Task task) {
      writtenTasks().put(task.getIdElement().getIdPart(), task);
      clientChanges().add(clientOf(task), newParties(task));
    }
  }

  @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED, order = Stages.CUSTODY)
  public void referralUpdated(IBaseResource previous, IBaseResource resource) {
    if (resource instanceof Task task) {
      writtenTasks().put(task.getIdElement().getIdPart(), task);
      Set<String> named = Parties.ofClient(null, List.of(task));
      Set<String> namedBefore = previous instanceof Task before ? Parties.ofClient(null, List.of(before)) : Set.of();
      if (named.containsAll(namedBefore) && previous instanceof Task before && before.getFor().equalsDeep(task.getFor())) {
        Set<String> added = new LinkedHashSet<>(newParties(task));
        added.removeAll(namedBefore);
        clientChanges().add(clientOf(task), added);
      } else {
        // A site it named before may no longer be a party to her: her parties are derived again.
        clientChanges().rederive(clientOf(task));
        if (previous instanceof Task before) {
          clientChanges().rederive(clientOf(before));
        }
      }
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

  /** The clients the current database transaction creates (her tags are complete when she is stored). */
  private Set<String> createdClients() {
    return TransactionResources.bound(CREATED, LinkedHashSet::new);
  }

  /** Whether the resource being recorded overwrites a stored version (set by the update hook). */
  private static boolean isUpdate(RequestDetails request, Resource resource) {
    return resource.getUserData(UPDATING) != null;
  }

  private void record(Resource resource, Optional<String> custodian, RequestDetails request) {
    if (custodian.isEmpty()) {
      CustodyTags.strip(resource);
      return;
    }
    if (Callers.site(request).isPresent()) {
      CustodyTags.strip(resource);
    }
    if (resource instanceof Subscription) {
      // Who subscribed and for which purpose: each notification is decided for that purpose.
      Callers.site(request).ifPresent(caller -> CustodyTags.recordSubscriber(resource, caller.clientId(),
          caller.purposeOfUse()));
    }
    Set<String> parties;
    if (resource instanceof Patient client && client.getIdElement().hasIdPart()) {
      // A new client has no referral yet (those of the same transaction add themselves as they are
      // stored); an update of her record keeps the parties her referrals make.
      parties = Parties.ofClient(custodian.get(), isUpdate(request, resource)
          ? referralsOf(client.getIdElement().getIdPart()).values() : referralsSentWith(client, request));
      createdClients().add(client.getIdElement().getIdPart());
    } else {
      parties = Parties.of(resource, custodian.get());
    }
    CustodyTags.record(resource, custodian.get(), parties, Parties.openTo(resource));
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
      Set<String> created = createdClients();
      added.forEach((client, sites) -> {
        if (!rederived.contains(client) && !created.contains(client.getIdPart())) {
          addParties(client, sites);
        }
      });
      rederived.forEach(PartyTags.this::refreshClient);
    }
  }

  private ClientChanges clientChanges() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return new ClientChanges();
    }
    return TransactionResources.bound(REFRESH, () -> {
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
    return TransactionResources.bound(this, LinkedHashMap::new);
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
  private static SystemRequestDetails tagsOnly() {
    SystemRequestDetails request = new SystemRequestDetails();
    request.getUserData().put(TAGS_ONLY, Boolean.TRUE);
    return request;
  }

  private static Coding partyTag(String party) {
    return new Coding(CustodyTags.PARTY, party, null);
  }

  private static boolean isClinical(IBaseResource resource) {
    return resource instanceof Resource r && ResourceCategory.of(r.fhirType()) == ResourceCategory.CLINICAL;
  }
}
