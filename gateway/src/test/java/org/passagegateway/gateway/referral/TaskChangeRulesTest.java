package org.passagegateway.gateway.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.error.PassageException;
import org.passagegateway.testdata.NetworkBuilders;

/** Which elements of a referral Task each party may change. */
class TaskChangeRulesTest {

  private static final Set<TaskParty> OWNER = Set.of(TaskParty.OWNER);
  private static final Set<TaskParty> REQUESTER = Set.of(TaskParty.REQUESTER);

  @Test
  void whenTheOwnerChangesItsElementsThenThatIsAllowed() {
    assertThat(change(OWNER, t -> {
      t.setStatus(Task.TaskStatus.COMPLETED);
      t.setStatusReason(new CodeableConcept().setText("done"));
      t.setBusinessStatus(new CodeableConcept().setText("first visit booked"));
      t.addNote(new Annotation().setText("seen on day 2"));
      t.addOutput().setType(new CodeableConcept().setText("episode")).setValue(new Reference("EpisodeOfCare/e1"));
      t.setLastModified(new Date());
      t.getMeta().setVersionId("7");
    })).isEmpty();
  }

  @Test
  void whenTheOwnerChangesAnythingElseThenItIsTheRequestersAndTheMessageNamesIt() {
    assertThat(change(OWNER, t -> t.setPriority(Task.TaskPriority.STAT)))
        .hasValueSatisfying(e -> assertThat(e.getMessage()).contains("not Task.priority"));
    assertThat(change(OWNER, t -> t.setDescription("reworded")))
        .hasValueSatisfying(e -> assertThat(e.error().code()).isEqualTo("PASSAGE-4003"));
    assertThat(change(OWNER, t -> t.setText(new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED))))
        .hasValueSatisfying(e -> assertThat(e.getMessage()).contains("Task.text"));
    assertThat(change(OWNER, t -> t.setOwner(new Reference("Organization/tb-1"))))
        .hasValueSatisfying(e -> assertThat(e.getMessage()).contains("Task.owner"));
  }

  @Test
  void whenAnyoneChangesWhatTheReferralIsAboutOrItsAuthoringThenItIsImmutable() {
    for (Set<TaskParty> parties : Set.of(OWNER, REQUESTER, Set.of(TaskParty.OWNER, TaskParty.REQUESTER))) {
      assertImmutable(parties, t -> t.setFocus(new Reference("ServiceRequest/other")), "Task.focus");
      assertImmutable(parties, t -> t.setFor(new Reference("Patient/other")), "Task.for");
      assertImmutable(parties, t -> t.setRequester(new Reference("Organization/prison-1")), "Task.requester");
      assertImmutable(parties, t -> t.setAuthoredOn(new Date(0)), "Task.authoredOn");
      assertImmutable(parties, t -> t.addPartOf(new Reference("Task/x")), "Task.partOf");
      assertImmutable(parties, t -> t.getCode().getCodingFirstRep().setCode("approve"), "Task.code");
    }
  }

  @Test
  void whenTheRequesterReaddressesThenOnlyBeforeAcceptance() {
    assertThat(change(REQUESTER, t -> t.setOwner(new Reference("Organization/tb-1")))).isEmpty();
    assertThat(change(REQUESTER, t -> t.setPriority(Task.TaskPriority.ASAP))).isEmpty();

    Task accepted = referralTask().setStatus(Task.TaskStatus.ACCEPTED);
    Task readdressed = accepted.copy().setOwner(new Reference("Organization/tb-1"));
    assertThat(TaskChangeRules.check(accepted, readdressed, REQUESTER))
        .hasValueSatisfying(e -> assertThat(e.getMessage()).contains("Task.owner (once the referral is accepted)"));
  }

  @Test
  void whenNothingChangesThenNothingIsReported() {
    Task task = referralTask();
    assertThat(TaskChangeRules.changedElements(task, task.copy())).isEmpty();
    Task withEmptyNote = task.copy();
    withEmptyNote.addNote(new Annotation());
    assertThat(TaskChangeRules.changedElements(task, withEmptyNote)).as("empty elements are absent").isEmpty();
    Task input = task.copy();
    input.addInput().setType(new CodeableConcept(new Coding("urn:x", "y", null))).setValue(new StringType("z"));
    assertThat(TaskChangeRules.changedElements(task, input)).containsExactly("input");
  }

  private static void assertImmutable(Set<TaskParty> parties, Consumer<Task> edit, String path) {
    assertThat(change(parties, edit)).as(path + " by " + parties).hasValueSatisfying(e -> {
      assertThat(e.error().code()).isEqualTo("PASSAGE-4004");
      assertThat(e.getMessage()).contains(path);
    });
  }

  private static Optional<PassageException> change(Set<TaskParty> parties, Consumer<Task> edit) {
    Task before = referralTask();
    Task after = before.copy();
    edit.accept(after);
    return TaskChangeRules.check(before, after, parties);
  }

  private static Task referralTask() {
    ServiceRequest referral = NetworkBuilders.referral("sr-1", "client-1", "hr-1", "anc-1", "prenatal-care",
        ServiceRequest.ServiceRequestPriority.ROUTINE, Instant.parse("2026-11-02T09:00:00Z"), "pregnancy-care");
    return NetworkBuilders.referralTask("task-1", referral);
  }
}
