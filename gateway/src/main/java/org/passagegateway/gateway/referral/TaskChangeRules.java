package org.passagegateway.gateway.referral;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.gateway.error.PassageException;

/**
 * Which elements of a referral Task a party may change (DESIGN.md, "Referral workflow"): nobody
 * changes what the referral is about or its authoring history ({@code focus}, {@code for},
 * {@code requester}, {@code authoredOn}, {@code intent}, {@code code}, {@code partOf}); the owner
 * changes only {@code status}, {@code statusReason}, {@code businessStatus}, {@code note} and
 * {@code output}; the requester everything else, and re-addresses the Task ({@code owner},
 * {@code performerType}) only before it is accepted. {@code lastModified} and {@code
 * executionPeriod} are the gateway's.
 */
final class TaskChangeRules {

  private static final Set<String> IMMUTABLE = Set.of("focus", "for", "requester", "authoredOn", "intent", "code", "partOf");
  private static final Set<String> OWNER_MAY = Set.of("status", "statusReason", "businessStatus", "note", "output");
  private static final Set<String> ADDRESS = Set.of("owner", "performerType");
  /** Kept by the gateway: the resource's identity and, from the workflow, the times it moved. */
  private static final Set<String> NOT_COMPARED = Set.of("id", "meta", "lastModified", "executionPeriod");
  private static final Set<TaskStatus> ADDRESSABLE = Set.of(TaskStatus.DRAFT, TaskStatus.REQUESTED);

  private TaskChangeRules() {}

  /** The first element the parties may not change from {@code before} to {@code after}, as a violation. */
  static Optional<PassageException> check(Task before, Task after, Set<TaskParty> parties) {
    for (String element : changedElements(before, after)) {
      String path = "Task." + element;
      if (IMMUTABLE.contains(element)) {
        return Optional.of(PassageError.ELEMENT_IMMUTABLE.exception(path));
      }
      if (!parties.contains(TaskParty.REQUESTER) && !OWNER_MAY.contains(element)) {
        return Optional.of(PassageError.ELEMENT_NOT_YOURS.exception(path));
      }
      if (ADDRESS.contains(element) && !ADDRESSABLE.contains(before.getStatus())) {
        return Optional.of(PassageError.ELEMENT_IMMUTABLE.exception(path + " (once the referral is accepted)"));
      }
    }
    return Optional.empty();
  }

  /** The names of the top-level elements whose values differ, in the order the type defines them. */
  static List<String> changedElements(Task before, Task after) {
    return after.children().stream().map(Property::getName)
        .filter(name -> !NOT_COMPARED.contains(name))
        .filter(name -> !same(values(before, name), values(after, name)))
        .toList();
  }

  private static List<Base> values(Task task, String name) {
    Property property = task.getNamedProperty(name);
    return property == null ? List.of() : property.getValues().stream().filter(v -> v != null && !v.isEmpty()).toList();
  }

  private static boolean same(List<Base> a, List<Base> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).equalsDeep(b.get(i))) {
        return false;
      }
    }
    return true;
  }
}
