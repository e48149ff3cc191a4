package rhix.recognition.command;

import static rhix.events.Refusals.refusedWith;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rhix.events.TransitionRefusedException;
import rhix.recognition.api.NotRecognisedReason;
import rhix.recognition.api.OverrideRecognitionCommand;
import rhix.recognition.api.RecognitionOverriddenEvent;
import rhix.recognition.api.RecordRecognitionCommand;
import rhix.recognition.api.RecordRepeatTestCommand;
import rhix.recognition.api.RepeatTestOrderedEvent;
import rhix.recognition.api.ResultNotRecognisedEvent;
import rhix.recognition.api.ResultRecognisedEvent;
import rhix.recognition.api.ResultReference;
import rhix.recognition.api.Verdict;
import rhix.region.NodeId;

class RecognitionDecisionTest {

    private static final String DECISION = "rd-1";
    private static final String EXCHANGE = "ex-1";
    private static final NodeId HOSPITAL = NodeId.of("hospital-330102-01");
    private static final String PATIENT = "EP-7f3a9c";
    private static final ResultReference RESULT = new ResultReference(NodeId.of("county-330127"), "Observation/17");
    private static final String POTASSIUM = "2823-3";
    private static final long COST_FEN = 1_250;
    private static final String DETAIL = "collected 9 days ago; potassium is recognised for 3 days";

    private FixtureConfiguration<RecognitionDecision> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RecognitionDecision.class);
    }

    private static RecordRecognitionCommand recognise() {
        return RecordRecognitionCommand.recognised(DECISION, EXCHANGE, HOSPITAL, PATIENT, RESULT, POTASSIUM, COST_FEN);
    }

    private static RecordRecognitionCommand refuse(NotRecognisedReason reason, String detail) {
        return RecordRecognitionCommand.notRecognised(DECISION, EXCHANGE, HOSPITAL, PATIENT, RESULT, POTASSIUM, reason, detail);
    }

    private static ResultRecognisedEvent recognised() {
        return new ResultRecognisedEvent(DECISION, EXCHANGE, HOSPITAL, PATIENT, RESULT, POTASSIUM, COST_FEN);
    }

    private static ResultNotRecognisedEvent notRecognised() {
        return new ResultNotRecognisedEvent(DECISION, EXCHANGE, HOSPITAL, PATIENT, RESULT, POTASSIUM,
                NotRecognisedReason.EXPIRED, DETAIL);
    }

    @Test
    void recognisedVerdictIsRecordedWithTheCostAvoided() {
        fixture.givenNoPriorActivity()
                .when(recognise())
                .expectEvents(recognised());
    }

    @Test
    void notRecognisedVerdictIsRecordedWithItsReasonAndDetail() {
        fixture.givenNoPriorActivity()
                .when(refuse(NotRecognisedReason.EXPIRED, DETAIL))
                .expectEvents(notRecognised());
    }

    @Test
    void notRecognisedVerdictWithoutAReasonIsInvalid() {
        fixture.givenNoPriorActivity()
                .when(refuse(null, DETAIL))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("reason is missing");
    }

    @Test
    void notRecognisedVerdictWithABlankDetailIsInvalid() {
        fixture.givenNoPriorActivity()
                .when(refuse(NotRecognisedReason.DIFFERENT_METHOD, "  "))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("detail is blank");
    }

    @Test
    void notRecognisedVerdictClaimingACostAvoidedIsInvalid() {
        fixture.givenNoPriorActivity()
                .when(new RecordRecognitionCommand(DECISION, EXCHANGE, HOSPITAL, PATIENT, RESULT, POTASSIUM,
                        Verdict.NOT_RECOGNISED, NotRecognisedReason.EXPIRED, DETAIL, 500))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("a NOT_RECOGNISED verdict avoids no cost, but estimatedCostAvoidedFen was 500");
    }

    @Test
    void recognisedVerdictWithAReasonIsInvalid() {
        fixture.givenNoPriorActivity()
                .when(new RecordRecognitionCommand(DECISION, EXCHANGE, HOSPITAL, PATIENT, RESULT, POTASSIUM,
                        Verdict.RECOGNISED, NotRecognisedReason.EXPIRED, null, COST_FEN))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("a RECOGNISED verdict has no reason or detail; they explain a NOT_RECOGNISED one");
    }

    @Test
    void recognisedVerdictWithANegativeCostIsInvalid() {
        fixture.givenNoPriorActivity()
                .when(RecordRecognitionCommand.recognised(DECISION, EXCHANGE, HOSPITAL, PATIENT, RESULT, POTASSIUM, -1))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("estimatedCostAvoidedFen must not be negative, was -1");
    }

    @Test
    void verdictWithoutAResultResourceIdIsInvalid() {
        fixture.givenNoPriorActivity()
                .when(RecordRecognitionCommand.recognised(DECISION, EXCHANGE, HOSPITAL, PATIENT,
                        new ResultReference(RESULT.node(), ""), POTASSIUM, COST_FEN))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("resultReference.resourceId is blank");
    }

    @Test
    void decidingTwiceIsRefused() {
        fixture.given(notRecognised())
                .when(recognise())
                .expectNoEvents()
                .expectException(refusedWith("RECOGNITION_ALREADY_DECIDED"))
                .expectExceptionMessage("RECOGNITION_ALREADY_DECIDED: decision rd-1 already has the verdict NOT_RECOGNISED; "
                        + "a verdict is recorded once (a NOT_RECOGNISED one may be overridden by a clinician)");
    }

    @Test
    void clinicianOverridesANotRecognisedVerdictWithAReason() {
        fixture.given(notRecognised())
                .when(new OverrideRecognitionCommand(DECISION, "dr-0042", "patient stable since; result still clinically valid"))
                .expectEvents(new RecognitionOverriddenEvent(DECISION, "dr-0042", "patient stable since; result still clinically valid"));
    }

    @Test
    void overrideWithABlankReasonIsInvalid() {
        fixture.given(notRecognised())
                .when(new OverrideRecognitionCommand(DECISION, "dr-0042", ""))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("reason is blank");
    }

    @Test
    void overrideWithoutAClinicianIsInvalid() {
        fixture.given(notRecognised())
                .when(new OverrideRecognitionCommand(DECISION, null, "still valid"))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("clinician is missing");
    }

    @Test
    void overridingARecognisedVerdictIsRefused() {
        fixture.given(recognised())
                .when(new OverrideRecognitionCommand(DECISION, "dr-0042", "still valid"))
                .expectNoEvents()
                .expectException(TransitionRefusedException.class)
                .expectException(refusedWith("RECOGNITION_NOT_OVERRIDABLE"))
                .expectExceptionMessage("RECOGNITION_NOT_OVERRIDABLE: decision rd-1 is RECOGNISED; "
                        + "only a NOT_RECOGNISED verdict can be overridden");
    }

    @Test
    void overridingTwiceIsRefused() {
        fixture.given(notRecognised(), new RecognitionOverriddenEvent(DECISION, "dr-0042", "still valid"))
                .when(new OverrideRecognitionCommand(DECISION, "dr-0077", "agree"))
                .expectNoEvents()
                .expectException(refusedWith("RECOGNITION_ALREADY_OVERRIDDEN"))
                .expectExceptionMessage("RECOGNITION_ALREADY_OVERRIDDEN: decision rd-1 is NOT_RECOGNISED and was already "
                        + "overridden; an override is recorded once");
    }

    @Test
    void repeatTestAfterANotRecognisedVerdictIsRecorded() {
        fixture.given(notRecognised())
                .when(new RecordRepeatTestCommand(DECISION, "dr-0042", "result expired"))
                .expectEvents(new RepeatTestOrderedEvent(DECISION, "dr-0042", "result expired"));
    }

    @Test
    void repeatTestDespiteARecognisedVerdictIsRecorded() {
        fixture.given(recognised())
                .when(new RecordRepeatTestCommand(DECISION, "dr-0042", "pre-operative protocol asks for a same-day value"))
                .expectEvents(new RepeatTestOrderedEvent(DECISION, "dr-0042", "pre-operative protocol asks for a same-day value"));
    }

    @Test
    void repeatTestWithABlankReasonIsInvalid() {
        fixture.given(recognised())
                .when(new RecordRepeatTestCommand(DECISION, "dr-0042", " "))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("reason is blank");
    }

    @Test
    void recordingARepeatTestTwiceIsRefused() {
        fixture.given(recognised(), new RepeatTestOrderedEvent(DECISION, "dr-0042", "protocol"))
                .when(new RecordRepeatTestCommand(DECISION, "dr-0042", "protocol"))
                .expectNoEvents()
                .expectException(refusedWith("RECOGNITION_REPEAT_ALREADY_RECORDED"))
                .expectExceptionMessage("RECOGNITION_REPEAT_ALREADY_RECORDED: decision rd-1 (RECOGNISED) already has a "
                        + "repeat test recorded; a repeat is recorded once");
    }
}
