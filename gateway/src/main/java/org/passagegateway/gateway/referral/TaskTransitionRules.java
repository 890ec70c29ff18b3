package org.passagegateway.gateway.referral;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.gateway.error.PassageException;

/**
 * The referral workflow's state table (DESIGN.md, "Referral workflow"): which status a referral
 * Task may move to from which, and which party may move it. A pure function of the two statuses
 * and the caller's parties; an unchanged status is always allowed (the field rules decide).
 *
 * <pre>
 * (new)                              draft, requested                        requester
 * draft                              requested, cancelled                    requester
 * requested                          accepted, rejected                      owner
 * requested                          cancelled                               requester
 * accepted                           in-progress, on-hold, completed, failed owner
 * accepted, in-progress, on-hold     cancelled                               requester or owner
 * in-progress, on-hold               in-progress, on-hold (switch)           owner
 * in-progress, on-hold               completed, failed                       owner
 * any                                entered-in-error                        requester
 * </pre>
 */
final class TaskTransitionRules {

  private record Move(TaskStatus from, TaskStatus to) {}

  private static final Map<Move, Set<TaskParty>> MOVES = table();

  private TaskTransitionRules() {}

  /** The violation of moving from {@code from} (null for a new Task) to {@code to} by these parties, if any. */
  static Optional<PassageException> check(TaskStatus from, TaskStatus to, Set<TaskParty> parties) {
    if (from == to) {
      return Optional.empty();
    }
    Set<TaskParty> allowed = to == TaskStatus.ENTEREDINERROR && from != null
        ? EnumSet.of(TaskParty.REQUESTER) : MOVES.get(new Move(from, to));
    String fromLabel = from == null ? "(new)" : from.toCode();
    if (allowed == null) {
      return Optional.of(PassageError.TRANSITION_NOT_ALLOWED.exception(fromLabel, to.toCode()));
    }
    if (parties.stream().noneMatch(allowed::contains)) {
      return Optional.of(PassageError.TRANSITION_NOT_YOURS.exception(
          allowed.size() == 2 ? "requester or the owner" : allowed.iterator().next().label(), fromLabel, to.toCode()));
    }
    return Optional.empty();
  }

  private static Map<Move, Set<TaskParty>> table() {
    Map<Move, Set<TaskParty>> moves = new java.util.HashMap<>();
    Set<TaskParty> requester = EnumSet.of(TaskParty.REQUESTER);
    Set<TaskParty> owner = EnumSet.of(TaskParty.OWNER);
    Set<TaskParty> either = EnumSet.allOf(TaskParty.class);
    put(moves, requester, null, TaskStatus.DRAFT, TaskStatus.REQUESTED);
    put(moves, requester, TaskStatus.DRAFT, TaskStatus.REQUESTED, TaskStatus.CANCELLED);
    put(moves, owner, TaskStatus.REQUESTED, TaskStatus.ACCEPTED, TaskStatus.REJECTED);
    put(moves, requester, TaskStatus.REQUESTED, TaskStatus.CANCELLED);
    put(moves, owner, TaskStatus.ACCEPTED, TaskStatus.INPROGRESS, TaskStatus.ONHOLD, TaskStatus.COMPLETED, TaskStatus.FAILED);
    for (TaskStatus active : new TaskStatus[] {TaskStatus.ACCEPTED, TaskStatus.INPROGRESS, TaskStatus.ONHOLD}) {
      put(moves, either, active, TaskStatus.CANCELLED);
    }
    put(moves, owner, TaskStatus.INPROGRESS, TaskStatus.ONHOLD, TaskStatus.COMPLETED, TaskStatus.FAILED);
    put(moves, owner, TaskStatus.ONHOLD, TaskStatus.INPROGRESS, TaskStatus.COMPLETED, TaskStatus.FAILED);
    return Map.copyOf(moves);
  }

  private static void put(Map<Move, Set<TaskParty>> moves, Set<TaskParty> who, TaskStatus from, TaskStatus... to) {
    for (TaskStatus target : to) {
      moves.put(new Move(from, target), who);
    }
  }

  /** Every status a referral Task may have (the ValueSet passage-task-status). */
  static Set<TaskStatus> workflowStatuses() {
    return EnumSet.of(TaskStatus.DRAFT, TaskStatus.REQUESTED, TaskStatus.ACCEPTED, TaskStatus.REJECTED,
        TaskStatus.CANCELLED, TaskStatus.INPROGRESS, TaskStatus.ONHOLD, TaskStatus.COMPLETED, TaskStatus.FAILED,
        TaskStatus.ENTEREDINERROR);
  }

}
