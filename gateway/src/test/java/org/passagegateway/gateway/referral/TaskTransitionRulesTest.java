package org.passagegateway.gateway.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.error.PassageException;

/** Every pair of workflow statuses, by each party, against the state table written out here once more. */
class TaskTransitionRulesTest {

  /** DESIGN.md's table, one line per move: "from>to:who" (who: R requester, O owner, RO either). */
  private static final List<String> TABLE = List.of(
      "new>draft:R", "new>requested:R",
      "draft>requested:R", "draft>cancelled:R",
      "requested>accepted:O", "requested>rejected:O", "requested>cancelled:R",
      "accepted>in-progress:O", "accepted>on-hold:O", "accepted>completed:O", "accepted>failed:O",
      "accepted>cancelled:RO", "in-progress>cancelled:RO", "on-hold>cancelled:RO",
      "in-progress>on-hold:O", "on-hold>in-progress:O",
      "in-progress>completed:O", "in-progress>failed:O", "on-hold>completed:O", "on-hold>failed:O",
      "draft>entered-in-error:R", "requested>entered-in-error:R", "accepted>entered-in-error:R",
      "rejected>entered-in-error:R", "cancelled>entered-in-error:R", "in-progress>entered-in-error:R",
      "on-hold>entered-in-error:R", "completed>entered-in-error:R", "failed>entered-in-error:R");

  @Test
  void whenEveryMoveIsTriedByEachPartyThenOnlyTheTablesMovesByTheirPartyPass() {
    Map<String, String> table = new HashMap<>();
    TABLE.forEach(line -> table.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 1)));
    List<TaskStatus> froms = new ArrayList<>(TaskTransitionRules.workflowStatuses());
    froms.add(null);
    int checked = 0;
    for (TaskStatus from : froms) {
      for (TaskStatus to : TaskTransitionRules.workflowStatuses()) {
        if (from == to) {
          continue;
        }
        String who = table.get((from == null ? "new" : from.toCode()) + ">" + to.toCode());
        for (TaskParty party : TaskParty.values()) {
          Optional<PassageException> result = TaskTransitionRules.check(from, to, EnumSet.of(party));
          String move = from + ">" + to + " by " + party;
          if (who == null) {
            assertThat(result).as(move).hasValueSatisfying(e -> assertThat(e.error().code()).isEqualTo("PASSAGE-4001"));
          } else if (who.contains(party == TaskParty.REQUESTER ? "R" : "O")) {
            assertThat(result).as(move).isEmpty();
          } else {
            assertThat(result).as(move).hasValueSatisfying(e -> assertThat(e.error().code()).isEqualTo("PASSAGE-4002"));
          }
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo((10 * 9 + 10) * 2);
  }

  @Test
  void whenTheStatusStaysTheSameThenItIsNoTransition() {
    for (TaskStatus status : TaskTransitionRules.workflowStatuses()) {
      assertThat(TaskTransitionRules.check(status, status, Set.of(TaskParty.OWNER))).isEmpty();
    }
  }

  @Test
  void whenTheWrongPartyMovesThenTheMessageNamesTheRightOne() {
    assertThat(TaskTransitionRules.check(TaskStatus.REQUESTED, TaskStatus.ACCEPTED, Set.of(TaskParty.REQUESTER)))
        .hasValueSatisfying(e -> assertThat(e.getMessage())
            .contains("Only the owner may move a referral Task from requested to accepted"));
    assertThat(TaskTransitionRules.check(TaskStatus.REJECTED, TaskStatus.ACCEPTED, Set.of(TaskParty.OWNER)))
        .hasValueSatisfying(e -> assertThat(e.getMessage()).contains("cannot move from status rejected to accepted"));
  }
}
