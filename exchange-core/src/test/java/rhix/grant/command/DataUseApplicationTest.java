package rhix.grant.command;

import static rhix.events.Refusals.refusedWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rhix.events.TransitionRefusedException;
import rhix.grant.api.ApproveReviewStepCommand;
import rhix.grant.api.ColumnScope;
import rhix.grant.api.DataUseApplicationRejectedEvent;
import rhix.grant.api.DataUseApplicationSubmittedEvent;
import rhix.grant.api.DataUseGrantExpiredEvent;
import rhix.grant.api.DataUseGrantRevokedEvent;
import rhix.grant.api.DataUseGrantedEvent;
import rhix.grant.api.GrantKind;
import rhix.grant.api.RejectDataUseApplicationCommand;
import rhix.grant.api.ReviewStep;
import rhix.grant.api.ReviewStepApprovedEvent;
import rhix.grant.api.RevokeGrantCommand;
import rhix.grant.api.RowScope;
import rhix.grant.api.SubmitDataUseApplicationCommand;
import rhix.grant.api.ViewScope;
import rhix.policy.Deidentification;
import rhix.policy.PurposeOfUse;

class DataUseApplicationTest {

    private static final String APPLICATION = "dua-1";
    private static final String APPLICANT = "researcher-17";
    private static final String ORGANISATION = "Zhejiang Provincial CDC";
    private static final String HEAD = "head-03";
    private static final String COMMITTEE = "dsc-01";
    private static final List<ViewScope> VIEWS = List.of(new ViewScope("lab_result", List.of(
            new ColumnScope("loinc_code", Deidentification.NONE),
            new ColumnScope("value", Deidentification.NONE),
            new ColumnScope("person_key", Deidentification.HASH),
            new ColumnScope("birth_date", Deidentification.GENERALISE))));
    private static final RowScope ROWS = new RowScope("HbA1c results 2024-2025", List.of("330100"));
    private static final Duration SIXTY_DAYS = Duration.ofDays(60);
    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");
    private static final Instant UNTIL = NOW.plus(SIXTY_DAYS);

    private FixtureConfiguration<DataUseApplication> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DataUseApplication.class);
    }

    private static SubmitDataUseApplicationCommand submit(PurposeOfUse purpose, List<ViewScope> views, RowScope rows,
            Duration duration, GrantKind kind) {
        return new SubmitDataUseApplicationCommand(APPLICATION, APPLICANT, ORGANISATION, purpose, views, rows, duration, kind);
    }

    private static SubmitDataUseApplicationCommand submitWithViews(List<ViewScope> views) {
        return submit(PurposeOfUse.RESEARCH, views, ROWS, SIXTY_DAYS, GrantKind.TEMPORARY);
    }

    private static DataUseApplicationSubmittedEvent submitted() {
        return new DataUseApplicationSubmittedEvent(APPLICATION, APPLICANT, ORGANISATION, PurposeOfUse.RESEARCH, VIEWS,
                ROWS, SIXTY_DAYS, GrantKind.TEMPORARY);
    }

    private static ReviewStepApprovedEvent departmentApproved() {
        return new ReviewStepApprovedEvent(APPLICATION, ReviewStep.DEPARTMENT, HEAD, "同意");
    }

    private static ApproveReviewStepCommand committeeApproves() {
        return new ApproveReviewStepCommand(APPLICATION, ReviewStep.DATA_SECURITY_COMMITTEE, COMMITTEE, "minimum necessary");
    }

    private static DataUseGrantedEvent granted() {
        return new DataUseGrantedEvent(APPLICATION, APPLICANT, ORGANISATION, PurposeOfUse.RESEARCH, VIEWS, ROWS,
                GrantKind.TEMPORARY, NOW, UNTIL);
    }

    @Test
    void submissionIsRecordedWithItsScope() {
        fixture.givenNoPriorActivity()
                .when(submitWithViews(VIEWS))
                .expectEvents(submitted());
    }

    @Test
    void submissionForTreatmentIsRefusedBecauseTreatmentUsesExchanges() {
        fixture.givenNoPriorActivity()
                .when(submit(PurposeOfUse.TREATMENT, VIEWS, ROWS, SIXTY_DAYS, GrantKind.TEMPORARY))
                .expectNoEvents()
                .expectException(refusedWith("DATA_USE_PURPOSE_NOT_ALLOWED"))
                .expectExceptionMessage("DATA_USE_PURPOSE_NOT_ALLOWED: a data-use grant serves RESEARCH or PUBLIC_HEALTH, "
                        + "not TREATMENT; care of a patient uses an exchange of results");
    }

    @Test
    void submissionWithoutViewsIsInvalid() {
        fixture.givenNoPriorActivity()
                .when(submitWithViews(List.of()))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("views is empty: an application asks for at least one view");
    }

    @Test
    void submissionOfAViewWithoutColumnsIsInvalid() {
        fixture.givenNoPriorActivity()
                .when(submitWithViews(List.of(new ViewScope("lab_result", List.of()))))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("columns of view 'lab_result' is empty: a view is asked for with at least one column");
    }

    @Test
    void submissionOfAColumnWithoutDeidentificationIsInvalid() {
        fixture.givenNoPriorActivity()
                .when(submitWithViews(List.of(new ViewScope("lab_result", List.of(new ColumnScope("value", null))))))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("deidentification of lab_result.value is missing");
    }

    @Test
    void submissionNamingAColumnTwiceIsInvalid() {
        fixture.givenNoPriorActivity()
                .when(submitWithViews(List.of(new ViewScope("lab_result", List.of(
                        new ColumnScope("value", Deidentification.NONE), new ColumnScope("value", Deidentification.MASK))))))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("columns of view 'lab_result' names 'value' twice");
    }

    @Test
    void submissionWithAnUnknownDivisionCodeIsInvalid() {
        fixture.givenNoPriorActivity()
                .when(submit(PurposeOfUse.RESEARCH, VIEWS, new RowScope("all", List.of("990000")), SIXTY_DAYS, GrantKind.TEMPORARY))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("rowScope.divisionCodes has '990000', not a GB/T 2260 division code");
    }

    @Test
    void submissionOfATemporaryGrantLongerThanNinetyDaysIsInvalid() {
        fixture.givenNoPriorActivity()
                .when(submit(PurposeOfUse.RESEARCH, VIEWS, ROWS, Duration.ofDays(91), GrantKind.TEMPORARY))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("requestedDuration 91 days is longer than a TEMPORARY grant may run (90 days)");
    }

    @Test
    void submissionOfALongTermGrantLongerThanAYearIsInvalid() {
        fixture.givenNoPriorActivity()
                .when(submit(PurposeOfUse.PUBLIC_HEALTH, VIEWS, ROWS, Duration.ofDays(366), GrantKind.LONG_TERM))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("requestedDuration 366 days is longer than a LONG_TERM grant may run (365 days)");
    }

    @Test
    void submissionOfALongTermGrantForAYearIsRecorded() {
        fixture.givenNoPriorActivity()
                .when(submit(PurposeOfUse.PUBLIC_HEALTH, VIEWS, ROWS, Duration.ofDays(365), GrantKind.LONG_TERM))
                .expectEvents(new DataUseApplicationSubmittedEvent(APPLICATION, APPLICANT, ORGANISATION,
                        PurposeOfUse.PUBLIC_HEALTH, VIEWS, ROWS, Duration.ofDays(365), GrantKind.LONG_TERM));
    }

    @Test
    void submissionWithoutADurationIsInvalid() {
        fixture.givenNoPriorActivity()
                .when(submit(PurposeOfUse.RESEARCH, VIEWS, ROWS, null, GrantKind.TEMPORARY))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("requestedDuration is missing");
    }

    @Test
    void submittingTheSameApplicationTwiceIsRefused() {
        fixture.given(submitted())
                .when(submitWithViews(VIEWS))
                .expectNoEvents()
                .expectException(refusedWith("DATA_USE_ALREADY_SUBMITTED"))
                .expectExceptionMessage("DATA_USE_ALREADY_SUBMITTED: application dua-1 was already submitted and is "
                        + "SUBMITTED; a new application needs a new id");
    }

    @Test
    void departmentApprovesFirst() {
        fixture.given(submitted())
                .when(new ApproveReviewStepCommand(APPLICATION, ReviewStep.DEPARTMENT, HEAD, "同意"))
                .expectEvents(departmentApproved())
                .expectNoScheduledDeadlines();
    }

    @Test
    void committeeApprovalGrantsExactlyWhatWasAppliedFor() {
        fixture.given(submitted(), departmentApproved())
                .andGivenCurrentTime(NOW)
                .when(committeeApproves())
                .expectEvents(new ReviewStepApprovedEvent(APPLICATION, ReviewStep.DATA_SECURITY_COMMITTEE, COMMITTEE,
                        "minimum necessary"), granted());
    }

    @Test
    void committeeApprovalSchedulesTheExpiryAtValidUntil() {
        fixture.given(submitted(), departmentApproved())
                .andGivenCurrentTime(NOW)
                .when(committeeApproves())
                .expectScheduledDeadlineWithName(UNTIL, DataUseApplication.GRANT_EXPIRY);
    }

    @Test
    void committeeMayNotActBeforeTheDepartment() {
        fixture.given(submitted())
                .when(committeeApproves())
                .expectNoEvents()
                .expectException(refusedWith("DATA_USE_STEP_OUT_OF_ORDER"))
                .expectExceptionMessage("DATA_USE_STEP_OUT_OF_ORDER: application dua-1 is SUBMITTED: "
                        + "DATA_SECURITY_COMMITTEE may not act before DEPARTMENT has approved");
    }

    @Test
    void committeeMayNotRejectBeforeTheDepartment() {
        fixture.given(submitted())
                .when(new RejectDataUseApplicationCommand(APPLICATION, ReviewStep.DATA_SECURITY_COMMITTEE, COMMITTEE, "too broad"))
                .expectException(refusedWith("DATA_USE_STEP_OUT_OF_ORDER"));
    }

    @Test
    void departmentApprovingTwiceIsRefused() {
        fixture.given(submitted(), departmentApproved())
                .when(new ApproveReviewStepCommand(APPLICATION, ReviewStep.DEPARTMENT, "head-04", "同意"))
                .expectException(refusedWith("DATA_USE_STEP_ALREADY_APPROVED"))
                .expectExceptionMessage("DATA_USE_STEP_ALREADY_APPROVED: application dua-1 is DEPARTMENT_APPROVED: "
                        + "DEPARTMENT has approved it; the pending step is DATA_SECURITY_COMMITTEE");
    }

    @Test
    void applicantMayNotReviewTheirOwnApplication() {
        fixture.given(submitted())
                .when(new ApproveReviewStepCommand(APPLICATION, ReviewStep.DEPARTMENT, APPLICANT, "同意"))
                .expectNoEvents()
                .expectException(refusedWith("DATA_USE_SELF_REVIEW"))
                .expectExceptionMessage("DATA_USE_SELF_REVIEW: reviewer researcher-17 is the applicant of application "
                        + "dua-1; nobody reviews their own application");
    }

    @Test
    void departmentApproverMayNotAlsoApproveForTheCommittee() {
        fixture.given(submitted(), departmentApproved())
                .when(new ApproveReviewStepCommand(APPLICATION, ReviewStep.DATA_SECURITY_COMMITTEE, HEAD, "同意"))
                .expectNoEvents()
                .expectException(refusedWith("DATA_USE_REVIEWER_ALREADY_APPROVED"))
                .expectExceptionMessage("DATA_USE_REVIEWER_ALREADY_APPROVED: reviewer head-03 approved application dua-1 "
                        + "at DEPARTMENT; each step needs a different reviewer");
    }

    @Test
    void approvalWithABlankCommentIsInvalid() {
        fixture.given(submitted())
                .when(new ApproveReviewStepCommand(APPLICATION, ReviewStep.DEPARTMENT, HEAD, " "))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("comment is blank");
    }

    @Test
    void rejectionEndsTheApplication() {
        fixture.given(submitted(), departmentApproved())
                .when(new RejectDataUseApplicationCommand(APPLICATION, ReviewStep.DATA_SECURITY_COMMITTEE, COMMITTEE,
                        "birth_date must be suppressed, not generalised"))
                .expectEvents(new DataUseApplicationRejectedEvent(APPLICATION, ReviewStep.DATA_SECURITY_COMMITTEE,
                        COMMITTEE, "birth_date must be suppressed, not generalised"));
    }

    @Test
    void rejectionWithABlankReasonIsInvalid() {
        fixture.given(submitted())
                .when(new RejectDataUseApplicationCommand(APPLICATION, ReviewStep.DEPARTMENT, HEAD, ""))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("reason is blank");
    }

    @Test
    void approvalAfterRejectionIsRefused() {
        fixture.given(submitted(), new DataUseApplicationRejectedEvent(APPLICATION, ReviewStep.DEPARTMENT, HEAD, "not our work"))
                .when(new ApproveReviewStepCommand(APPLICATION, ReviewStep.DEPARTMENT, "head-04", "同意"))
                .expectNoEvents()
                .expectException(TransitionRefusedException.class)
                .expectException(refusedWith("DATA_USE_NOT_UNDER_REVIEW"))
                .expectExceptionMessage("DATA_USE_NOT_UNDER_REVIEW: application dua-1 is REJECTED; review steps are "
                        + "taken only while it is SUBMITTED or DEPARTMENT_APPROVED");
    }

    @Test
    void reviewAfterTheGrantIsRefused() {
        fixture.given(submitted(), departmentApproved(), granted())
                .when(committeeApproves())
                .expectException(refusedWith("DATA_USE_NOT_UNDER_REVIEW"));
    }

    @Test
    void grantExpiresAtValidUntil() {
        fixture.given(submitted(), departmentApproved())
                .andGivenCurrentTime(NOW)
                .andGivenCommands(committeeApproves())
                .whenThenTimeAdvancesTo(UNTIL)
                .expectTriggeredDeadlinesWithName(DataUseApplication.GRANT_EXPIRY)
                .expectEvents(new DataUseGrantExpiredEvent(APPLICATION, UNTIL));
    }

    @Test
    void grantHoldsUntilValidUntil() {
        fixture.given(submitted(), departmentApproved())
                .andGivenCurrentTime(NOW)
                .andGivenCommands(committeeApproves())
                .whenTimeElapses(SIXTY_DAYS.minusSeconds(1))
                .expectNoEvents();
    }

    @Test
    void revocationWithdrawsTheGrantAndCancelsItsExpiry() {
        fixture.given(submitted(), departmentApproved())
                .andGivenCurrentTime(NOW)
                .andGivenCommands(committeeApproves())
                .when(new RevokeGrantCommand(APPLICATION, "admin-01", "applicant left the organisation"))
                .expectEvents(new DataUseGrantRevokedEvent(APPLICATION, "admin-01", "applicant left the organisation"))
                .expectNoScheduledDeadlines();
    }

    @Test
    void revocationWithABlankReasonIsInvalid() {
        fixture.given(submitted(), departmentApproved(), granted())
                .andGivenCurrentTime(NOW)
                .when(new RevokeGrantCommand(APPLICATION, "admin-01", " "))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("reason is blank");
    }

    @Test
    void revokingAnApplicationNotYetGrantedIsRefused() {
        fixture.given(submitted(), departmentApproved())
                .when(new RevokeGrantCommand(APPLICATION, "admin-01", "withdrawn"))
                .expectNoEvents()
                .expectException(refusedWith("DATA_USE_NOT_GRANTED"))
                .expectExceptionMessage("DATA_USE_NOT_GRANTED: application dua-1 is DEPARTMENT_APPROVED; "
                        + "only a GRANTED grant can be revoked");
    }

    @Test
    void revokingTwiceIsRefused() {
        fixture.given(submitted(), departmentApproved(), granted(), new DataUseGrantRevokedEvent(APPLICATION, "admin-01", "left"))
                .andGivenCurrentTime(NOW)
                .when(new RevokeGrantCommand(APPLICATION, "admin-02", "left"))
                .expectException(refusedWith("DATA_USE_GRANT_ALREADY_REVOKED"))
                .expectExceptionMessage("DATA_USE_GRANT_ALREADY_REVOKED: grant dua-1 is already REVOKED; a grant is revoked once");
    }

    @Test
    void revokingAnExpiredGrantIsRefused() {
        fixture.given(submitted(), departmentApproved(), granted(), new DataUseGrantExpiredEvent(APPLICATION, UNTIL))
                .andGivenCurrentTime(UNTIL)
                .when(new RevokeGrantCommand(APPLICATION, "admin-01", "study over"))
                .expectNoEvents()
                .expectException(refusedWith("DATA_USE_GRANT_EXPIRED"))
                .expectExceptionMessage("DATA_USE_GRANT_EXPIRED: grant dua-1 expired at 2027-01-31T08:00:00Z; "
                        + "an expired grant no longer holds and cannot be revoked");
    }

    @Test
    void revokingAGrantPastValidUntilWhoseExpiryIsNotYetRecordedIsRefused() {
        fixture.given(submitted(), departmentApproved(), granted())
                .andGivenCurrentTime(UNTIL.plusSeconds(1))
                .when(new RevokeGrantCommand(APPLICATION, "admin-01", "study over"))
                .expectException(refusedWith("DATA_USE_GRANT_EXPIRED"));
    }
}
