package org.passagegateway.gateway.audit;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import java.util.Map;
import java.util.HashMap;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.gateway.security.Callers;
import org.passagegateway.gateway.security.RolePermissions;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit log as FHIR, for auditors (read-only: events are written by the gateway alone).
 *
 * <ul>
 *   <li>{@code GET AuditEvent/[id]} and {@code GET AuditEvent?...} with the standard search
 *       parameters {@code date}, {@code patient}, {@code agent}, {@code altid}, {@code entity},
 *       {@code type}, {@code subtype}, {@code outcome}, and Passage's {@code consent} (the consent
 *       that decided), offset-paged, oldest first. Each event is shown as the log holds it.
 *   <li>{@code AuditEvent/$checkpoint}: the latest signed checkpoint (C2SP signed note of the
 *       tree size and root hash); a POST signs one of the whole log now.
 *   <li>{@code AuditEvent/[id]/$inclusion-proof?tree-size=N}: the RFC 9162 inclusion proof of the
 *       event in the tree of size N (by default the latest checkpoint's).
 *   <li>{@code AuditEvent/$consistency-proof?first=M&second=N}: the RFC 9162 consistency proof
 *       between two tree sizes.
 *   <li>{@code AuditEvent/$verify[?from=&to=]}: checks the whole log, or the positions from..to,
 *       against the signed checkpoints and names the first position that does not verify.
 * </ul>
 */
final class AuditEventProvider implements IResourceProvider {

  private static final int DEFAULT_PAGE = 50;
  private static final int MAX_PAGE = 500;

  private final JdbcTemplate jdbc;
  private final DaoRegistry daos;
  private final FhirContext fhir;
  private final AuditSequencer sequencer;
  private final AuditVerifier verifier;

  AuditEventProvider(JdbcTemplate jdbc, FhirContext fhir, AuditSequencer sequencer, AuditVerifier verifier,
      DaoRegistry daos) {
    this.daos = daos;
    this.jdbc = jdbc;
    this.fhir = fhir;
    this.sequencer = sequencer;
    this.verifier = verifier;
  }

  @Override
  public Class<? extends IBaseResource> getResourceType() {
    return AuditEvent.class;
  }

  @Read
  public AuditEvent read(@IdParam IdType id) {
    long row = rowId(id.getIdPart());
    List<AuditEvent> found = new ArrayList<>();
    IParser parser = fhir.newJsonParser();
    jdbc.query("select id, event from psg_audit_event where id = ?", result -> {
      found.add(event(parser, result.getLong(1), result.getObject(2)));
    }, row);
    if (found.isEmpty()) {
      throw PassageError.RESOURCE_NOT_FOUND.exception();
    }
    return found.get(0);
  }

  @Search
  public IBundleProvider search(
      @OptionalParam(name = AuditEvent.SP_DATE) DateRangeParam date,
      @OptionalParam(name = AuditEvent.SP_PATIENT, chainWhitelist = {"", "identifier"}) ReferenceParam patient,
      @OptionalParam(name = AuditEvent.SP_AGENT) ReferenceParam agent,
      @OptionalParam(name = AuditEvent.SP_ALTID) TokenParam altid,
      @OptionalParam(name = AuditEvent.SP_ENTITY) ReferenceParam entity,
      @OptionalParam(name = AuditEvent.SP_TYPE) TokenParam type,
      @OptionalParam(name = AuditEvent.SP_SUBTYPE) TokenParam subtype,
      @OptionalParam(name = AuditEvent.SP_OUTCOME) TokenParam outcome,
      @OptionalParam(name = "consent") ReferenceParam consent,
      @Offset Integer offset,
      @Count Integer count) {
    StringBuilder where = new StringBuilder(" where 1 = 1");
    List<Object> arguments = new ArrayList<>();
    if (date != null) {
      if (date.getLowerBoundAsInstant() != null) {
        where.append(" and recorded_at >= ?");
        arguments.add(new Timestamp(date.getLowerBoundAsInstant().getTime()));
      }
      if (date.getUpperBoundAsInstant() != null) {
        where.append(" and recorded_at <= ?");
        arguments.add(new Timestamp(date.getUpperBoundAsInstant().getTime()));
      }
    }
    if (patient != null && "identifier".equals(patient.getChain())) {
      // patient.identifier=<client-pseudonym system>|<pseudonym>: the events of every client record
      // carrying that network pseudonym (an auditor knows a woman by her pseudonym, the log by record).
      List<String> records = patientsWithIdentifier(patient.getValue());
      where.append(records.isEmpty() ? " and 1 = 0" : " and patient_id in (" + String.join(", ",
          java.util.Collections.nCopies(records.size(), "?")) + ")");
      arguments.addAll(records);
    } else {
      equal(where, arguments, "patient_id", patient == null ? null : idOf(patient, "Patient"));
    }
    equal(where, arguments, "agent_org", agent == null ? null : idOf(agent, "Organization"));
    equal(where, arguments, "agent_client", altid == null ? null : altid.getValue());
    if (entity != null) {
      String reference = reference(entity);
      where.append(" and (entity_refs like ? escape '\\' or consent_ref = ? or 'Patient/' || patient_id = ?)");
      arguments.add(AuditColumns.pattern(reference));
      arguments.add(reference);
      arguments.add(reference);
    }
    equal(where, arguments, "type_code", type == null ? null : type.getValue());
    equal(where, arguments, "subtype_code", subtype == null ? null : subtype.getValue());
    equal(where, arguments, "outcome", outcome == null ? null : outcome.getValue());
    equal(where, arguments, "consent_ref", consent == null ? null : reference(consent));

    int first = offset == null ? 0 : Math.max(0, offset);
    int size = count == null || count <= 0 ? DEFAULT_PAGE : Math.min(count, MAX_PAGE);
    arguments.add(first);
    arguments.add(size + 1);
    List<IBaseResource> events = new ArrayList<>();
    IParser parser = fhir.newJsonParser();
    jdbc.query("select id, event from psg_audit_event" + where + " order by id offset ? rows fetch first ? rows only",
        result -> {
          events.add(event(parser, result.getLong(1), result.getObject(2)));
        }, arguments.toArray());
    boolean more = events.size() > size;
    SimpleBundleProvider page = new OffsetPage(more ? events.subList(0, size) : events, more, first > 0);
    page.setCurrentPageOffset(first);
    page.setCurrentPageSize(size);
    page.setSize(null);
    return page;
  }

  @Operation(name = "$checkpoint", idempotent = true)
  public Parameters checkpoint(RequestDetails request) {
    if (request.getRequestType() == RequestTypeEnum.POST) {
      // Signing one now writes to the log: it takes a write grant on AuditEvent, not just a read one.
      if (!RolePermissions.allows(Callers.require(request), "AuditEvent", 'c')) {
        throw PassageError.INTERACTION_NOT_ALLOWED.exception("signing a checkpoint without a write grant on AuditEvent");
      }
      sequencer.checkpoint();
    }
    Parameters parameters = new Parameters();
    jdbc.query("select tree_size, root_hash, note from psg_audit_checkpoint order by tree_size desc fetch first 1 rows only",
        row -> {
          checkpointParameters(parameters, row.getLong(1), row.getString(2), row.getString(3));
        });
    if (parameters.getParameter().isEmpty()) {
      throw PassageError.RESOURCE_NOT_FOUND.exception();
    }
    return parameters;
  }

  @Operation(name = "$inclusion-proof", idempotent = true)
  public Parameters inclusionProof(@IdParam IdType id, @OperationParam(name = "tree-size") IntegerType treeSize) {
    long row = rowId(id.getIdPart());
    List<Long> positions = jdbc.queryForList("select position from psg_audit_event where id = ?", Long.class, row);
    if (positions.isEmpty()) {
      throw PassageError.RESOURCE_NOT_FOUND.exception();
    }
    long size = position(treeSize, "tree-size").orElseGet(this::latestCheckpointSize);
    Long position = positions.get(0);
    if (position == null || position >= size || size > sequencedSize()) {
      throw PassageError.INVALID_REQUEST.exception("The event is not in the tree of size " + size
          + " (it is placed in the log within seconds of being written; ask for a larger tree size or a newer checkpoint)");
    }
    MerkleProofs tree = sequencer.tree(size);
    Parameters parameters = new Parameters();
    // The entry as stored (the event's text as the log hashed it, after its position and a
    // newline): a verifier hashes it itself rather than trust leaf-hash, and shows what it proved.
    String stored = jdbc.queryForObject("select event from psg_audit_event where id = ?",
        (result, index) -> AuditSequencer.text(result.getObject(1)), row);
    parameters.addParameter().setName("entry").setValue(new StringType(stored));
    parameters.addParameter().setName("leaf-index").setValue(new StringType(Long.toString(position)));
    parameters.addParameter().setName("tree-size").setValue(new StringType(Long.toString(size)));
    parameters.addParameter().setName("leaf-hash").setValue(new StringType(HexFormat.of().formatHex(tree.leaf(position))));
    parameters.addParameter().setName("root-hash").setValue(new StringType(MerkleTree.hex(tree.root())));
    tree.inclusionProof(position).forEach(hash ->
        parameters.addParameter().setName("hash").setValue(new StringType(MerkleTree.hex(hash))));
    return parameters;
  }

  /**
   * {@code AuditEvent/$inclusion-proofs?tree-size=N&event=ID&event=...}: the inclusion proofs of up
   * to {@value #MAX_PAGE} events in one tree (a page of search results), each with its entry as
   * stored, its leaf index and its audit path. The tree's tiles are read once for all of them
   * (AuditTiles: a few blocks per event, never the whole log). An event not in that tree (placed later, or no such event) gets a part
   * with {@code in-tree} false and no path.
   */
  @Operation(name = "$inclusion-proofs", idempotent = true)
  public Parameters inclusionProofs(@OperationParam(name = "tree-size") IntegerType treeSize,
      @OperationParam(name = "event", max = MAX_PAGE) List<StringType> eventIds) {
    long size = position(treeSize, "tree-size").orElseGet(this::latestCheckpointSize);
    if (size > sequencedSize()) {
      throw PassageError.INVALID_REQUEST.exception("tree-size is larger than the log (" + sequencedSize() + ")");
    }
    List<Long> rows = new ArrayList<>();
    for (StringType id : eventIds == null ? List.<StringType>of() : eventIds) {
      if (id.getValue() == null || !id.getValue().matches("[0-9]{1,18}")) {
        throw PassageError.INVALID_REQUEST.exception("Each event is the id of an AuditEvent (a number)");
      }
      rows.add(Long.parseLong(id.getValue()));
    }
    Map<Long, Object[]> stored = new HashMap<>();
    if (!rows.isEmpty()) {
      new NamedParameterJdbcTemplate(jdbc).query("select id, position, event from psg_audit_event where id in (:ids)",
          Map.of("ids", rows), result -> {
            stored.put(result.getLong(1), new Object[] {result.getObject(2), AuditSequencer.text(result.getObject(3))});
          });
    }
    MerkleProofs tree = sequencer.tree(size);
    Parameters parameters = new Parameters();
    parameters.addParameter().setName("tree-size").setValue(new StringType(Long.toString(size)));
    parameters.addParameter().setName("root-hash").setValue(new StringType(MerkleTree.hex(tree.root())));
    for (Long row : rows) {
      Parameters.ParametersParameterComponent proof = parameters.addParameter().setName("proof");
      proof.addPart().setName("event").setValue(new StringType(Long.toString(row)));
      Object[] event = stored.get(row);
      Long position = event == null || event[0] == null ? null : ((Number) event[0]).longValue();
      boolean inTree = position != null && position < size;
      proof.addPart().setName("in-tree").setValue(new BooleanType(inTree));
      if (inTree) {
        proof.addPart().setName("entry").setValue(new StringType((String) event[1]));
        proof.addPart().setName("leaf-index").setValue(new StringType(Long.toString(position)));
        tree.inclusionProof(position).forEach(hash ->
            proof.addPart().setName("hash").setValue(new StringType(MerkleTree.hex(hash))));
      }
    }
    return parameters;
  }

  @Operation(name = "$consistency-proof", idempotent = true)
  public Parameters consistencyProof(@OperationParam(name = "first", min = 1) IntegerType first,
      @OperationParam(name = "second") IntegerType second) {
    long to = position(second, "second").orElseGet(this::latestCheckpointSize);
    long from = position(first, "first").orElseThrow(() ->
        PassageError.INVALID_REQUEST.exception("A consistency proof needs the parameter first (a tree size)"));
    if (from < 0 || from > to || to > sequencedSize()) {
      throw PassageError.INVALID_REQUEST.exception("A consistency proof needs 0 <= first <= second <= the log's size ("
          + sequencedSize() + ")");
    }
    MerkleProofs tree = sequencer.tree(to);
    Parameters parameters = new Parameters();
    parameters.addParameter().setName("first").setValue(new StringType(Long.toString(from)));
    parameters.addParameter().setName("second").setValue(new StringType(Long.toString(to)));
    parameters.addParameter().setName("first-root-hash")
        .setValue(new StringType(MerkleTree.hex(sequencer.tree(from).root())));
    parameters.addParameter().setName("second-root-hash").setValue(new StringType(MerkleTree.hex(tree.root())));
    if (from > 0) {
      tree.consistencyProof(from).forEach(hash ->
          parameters.addParameter().setName("hash").setValue(new StringType(MerkleTree.hex(hash))));
    }
    return parameters;
  }

  @Operation(name = "$verify", idempotent = true)
  public Parameters verify(@OperationParam(name = "from") IntegerType from, @OperationParam(name = "to") IntegerType to) {
    AuditVerifier.Verification verification = verifier.verify(position(from, "from").orElse(0L),
        position(to, "to").orElse(Long.MAX_VALUE));
    Parameters parameters = new Parameters();
    parameters.addParameter().setName("intact").setValue(new BooleanType(verification.intact()));
    parameters.addParameter().setName("verified-size").setValue(new StringType(Long.toString(verification.size())));
    if (!verification.intact()) {
      parameters.addParameter().setName("first-bad-position")
          .setValue(new StringType(Long.toString(verification.firstBadPosition())));
      parameters.addParameter().setName("problem").setValue(new StringType(verification.problem()));
    }
    verification.untrustedKeys().forEach(key ->
        parameters.addParameter().setName("untrusted-key").setValue(new StringType(key)));
    return parameters;
  }

  /** One page of events, with HAPI's offset links where there is a page before or after it. */
  private static final class OffsetPage extends SimpleBundleProvider {
    private final boolean next;
    private final boolean previous;

    OffsetPage(List<IBaseResource> events, boolean next, boolean previous) {
      super(events);
      this.next = next;
      this.previous = previous;
    }

    @Override
    public String getNextPageId() {
      return next ? "next" : null;
    }

    @Override
    public String getPreviousPageId() {
      return previous ? "previous" : null;
    }
  }

  private static void checkpointParameters(Parameters parameters, long size, String root, String note) {
    parameters.addParameter().setName("tree-size").setValue(new StringType(Long.toString(size)));
    parameters.addParameter().setName("root-hash").setValue(new StringType(root));
    parameters.addParameter().setName("checkpoint").setValue(new StringType(note));
  }

  private long latestCheckpointSize() {
    Long size = jdbc.queryForObject("select max(tree_size) from psg_audit_checkpoint", Long.class);
    if (size == null) {
      throw PassageError.INVALID_REQUEST.exception("No checkpoint has been signed yet; POST AuditEvent/$checkpoint signs one");
    }
    return size;
  }

  private long sequencedSize() {
    return jdbc.queryForObject("select tree_size from psg_audit_head where id = 1", Long.class);
  }

  private static AuditEvent event(IParser parser, long id, Object stored) {
    AuditEvent event = parser.parseResource(AuditEvent.class, AuditSequencer.text(stored));
    event.setId(new IdType("AuditEvent", Long.toString(id)));
    return event;
  }

  private static long rowId(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException notAnEvent) {
      throw PassageError.RESOURCE_NOT_FOUND.exception();
    }
  }

  private static void equal(StringBuilder where, List<Object> arguments, String column, String value) {
    if (value != null) {
      where.append(" and ").append(column).append(" = ?");
      arguments.add(value);
    }
  }

  /** The ids of the client records carrying the identifier ({@code system|value}, or a value of any system). */
  private List<String> patientsWithIdentifier(String token) {
    int bar = token.indexOf('|');
    TokenParam identifier = bar < 0 ? new TokenParam(token) : new TokenParam(token.substring(0, bar), token.substring(bar + 1));
    if (identifier.getValue() == null || identifier.getValue().isBlank()) {
      throw PassageError.INVALID_REQUEST.exception("patient.identifier needs a value (system|value)");
    }
    SearchParameterMap search = SearchParameterMap.newSynchronous().add(org.hl7.fhir.r4.model.Patient.SP_IDENTIFIER, identifier);
    return daos.getResourceDao("Patient").search(search, new SystemRequestDetails()).getAllResources().stream()
        .map(found -> found.getIdElement().getIdPart()).distinct().limit(MAX_PAGE).toList();
  }

  private static String idOf(ReferenceParam reference, String type) {
    IdType id = new IdType(reference.getValue());
    return id.hasResourceType() && !type.equals(id.getResourceType()) ? "\u0000none" : id.getIdPart();
  }

  private static String reference(ReferenceParam reference) {
    IdType id = new IdType(reference.getValue());
    return id.hasResourceType() ? id.getResourceType() + "/" + id.getIdPart()
        : (reference.getResourceType() != null ? reference.getResourceType() + "/" : "") + id.getIdPart();
  }

  /** A position or tree size given as an operation parameter: absent, or a number of at least 0. */
  private static Optional<Long> position(IntegerType parameter, String name) {
    if (parameter == null) {
      return Optional.empty();
    }
    if (parameter.getValue() == null || parameter.getValue() < 0) {
      throw PassageError.INVALID_REQUEST.exception("The parameter " + name + " must be a number of at least 0");
    }
    return Optional.of(parameter.getValue().longValue());
  }
}
