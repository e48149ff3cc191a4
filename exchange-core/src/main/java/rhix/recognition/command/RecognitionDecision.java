package rhix.recognition.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static rhix.events.CommandArguments.requireFreeText;
import static rhix.events.CommandArguments.requirePresent;
import static rhix.events.CommandArguments.requireText;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import rhix.events.TransitionRefusedException;
import rhix.recognition.api.OverrideRecognitionCommand;
import rhix.recognition.api.RecognitionOverriddenEvent;
import rhix.recognition.api.RecordRecognitionCommand;
import rhix.recognition.api.RecordRepeatTestCommand;
import rhix.recognition.api.RepeatTestOrderedEvent;
import rhix.recognition.api.ResultNotRecognisedEvent;
import rhix.recognition.api.ResultRecognisedEvent;
import rhix.recognition.api.Verdict;

/**
 * The verdict on one result offered to a requesting hospital (检查检验结果互认), and what clinicians did with
 * it: an override of a NOT_RECOGNISED verdict, a repeat of the test. Together they make "repeat tests avoided"
 * countable from events alone.
 */
public class RecognitionDecision {

    @AggregateIdentifier
    private String decisionId;
    private Verdict verdict;
    private boolean overridden;
    private boolean repeatOrdered;

    /** For Axon, which rebuilds the decision from its events. */
    protected RecognitionDecision() {
    }

    /** Creates the decision; on an existing id it is refused, so a verdict cannot be quietly replaced. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordRecognitionCommand command) {
        requireText(command.decisionId(), "decisionId");
        requireText(command.exchangeId(), "exchangeId");
        requirePresent(command.requestingHospital(), "requestingHospital");
        requireText(command.enterprisePersonId(), "enterprisePersonId");
        requirePresent(command.resultReference(), "resultReference");
        requirePresent(command.resultReference().node(), "resultReference.node");
        requireText(command.resultReference().resourceId(), "resultReference.resourceId");
        requireText(command.itemCode(), "itemCode");
        requirePresent(command.verdict(), "verdict");
        VerdictShape.check(command);
        if (verdict != null) {
            throw new TransitionRefusedException("RECOGNITION_ALREADY_DECIDED", "decision " + decisionId
                    + " already has the verdict " + verdict
                    + "; a verdict is recorded once (a NOT_RECOGNISED one may be overridden by a clinician)");
        }
        if (command.verdict() == Verdict.RECOGNISED) {
            apply(new ResultRecognisedEvent(command.decisionId(), command.exchangeId(), command.requestingHospital(),
                    command.enterprisePersonId(), command.resultReference(), command.itemCode(),
                    command.estimatedCostAvoidedFen()));
        } else {
            apply(new ResultNotRecognisedEvent(command.decisionId(), command.exchangeId(), command.requestingHospital(),
                    command.enterprisePersonId(), command.resultReference(), command.itemCode(), command.reason(),
                    command.detail()));
        }
    }

    @CommandHandler
    public void handle(OverrideRecognitionCommand command) {
        requireText(command.clinician(), "clinician");
        requireFreeText(command.reason(), "reason");
        if (verdict == Verdict.RECOGNISED) {
            throw new TransitionRefusedException("RECOGNITION_NOT_OVERRIDABLE", "decision " + decisionId
                    + " is RECOGNISED; only a NOT_RECOGNISED verdict can be overridden");
        }
        if (overridden) {
            throw new TransitionRefusedException("RECOGNITION_ALREADY_OVERRIDDEN", "decision " + decisionId
                    + " is NOT_RECOGNISED and was already overridden; an override is recorded once");
        }
        apply(new RecognitionOverriddenEvent(decisionId, command.clinician(), command.reason()));
    }

    @CommandHandler
    public void handle(RecordRepeatTestCommand command) {
        requireText(command.clinician(), "clinician");
        requireFreeText(command.reason(), "reason");
        if (repeatOrdered) {
            throw new TransitionRefusedException("RECOGNITION_REPEAT_ALREADY_RECORDED", "decision " + decisionId
                    + " (" + verdict + ") already has a repeat test recorded; a repeat is recorded once");
        }
        apply(new RepeatTestOrderedEvent(decisionId, command.clinician(), command.reason()));
    }

    @EventSourcingHandler
    void on(ResultRecognisedEvent event) {
        decisionId = event.decisionId();
        verdict = Verdict.RECOGNISED;
    }

    @EventSourcingHandler
    void on(ResultNotRecognisedEvent event) {
        decisionId = event.decisionId();
        verdict = Verdict.NOT_RECOGNISED;
    }

    @EventSourcingHandler
    void on(RecognitionOverriddenEvent event) {
        overridden = true;
    }

    @EventSourcingHandler
    void on(RepeatTestOrderedEvent event) {
        repeatOrdered = true;
    }
}
