package rhix.grant.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static rhix.events.CommandArguments.requireFreeText;
import static rhix.events.CommandArguments.requirePresent;
import static rhix.events.CommandArguments.requireText;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import rhix.events.TransitionRefusedException;
import rhix.grant.api.ApproveReviewStepCommand;
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
import rhix.policy.PurposeOfUse;

/**
 * 申请—审批: a data-use application, reviewed in order by the department and then the data security
 * committee, whose approval grants exactly what was applied for until it expires or is revoked. Time comes
 * from Axon's event clock, so the test fixture controls it; expiry is an Axon deadline.
 */
public class DataUseApplication {

    /** The deadline that expires a grant at its {@code validUntil}. */
    public static final String GRANT_EXPIRY = "data-use-grant-expiry";

    @AggregateIdentifier
    private String applicationId;
    private ApplicationState state;
    private String applicant;
    private String organisation;
    private PurposeOfUse purpose;
    private List<ViewScope> views;
    private RowScope rowScope;
    private Duration requestedDuration;
    private GrantKind kind;
    private String departmentApprover;
    private Instant validUntil;

    /** For Axon, which rebuilds the application from its events. */
    protected DataUseApplication() {
    }

    /** Creates the application; on an existing id it is refused, so a resubmission cannot rewrite one under review. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SubmitDataUseApplicationCommand command) {
        requireText(command.applicationId(), "applicationId");
        requireText(command.applicant(), "applicant");
        requireText(command.organisation(), "organisation");
        requirePresent(command.purpose(), "purpose");
        ApplicationChecks.checkViews(command.views());
        ApplicationChecks.checkRows(command.rowScope());
        ApplicationChecks.checkDuration(command.requestedDuration(), command.kind());
        if (state != null) {
            throw new TransitionRefusedException("DATA_USE_ALREADY_SUBMITTED", "application " + applicationId
                    + " was already submitted and is " + state + "; a new application needs a new id");
        }
        // Care of a patient is not a secondary use: a treating clinician gets identified results through an
        // exchange, under its own checks, and never needs a standing grant over a population.
        if (command.purpose() == PurposeOfUse.TREATMENT) {
            throw new TransitionRefusedException("DATA_USE_PURPOSE_NOT_ALLOWED", "a data-use grant serves RESEARCH "
                    + "or PUBLIC_HEALTH, not TREATMENT; care of a patient uses an exchange of results");
        }
        apply(new DataUseApplicationSubmittedEvent(command.applicationId(), command.applicant(), command.organisation(),
                command.purpose(), command.views(), command.rowScope(), command.requestedDuration(), command.kind()));
    }

    @CommandHandler
    public void handle(ApproveReviewStepCommand command, DeadlineManager deadlineManager) {
        requirePresent(command.step(), "step");
        requireText(command.reviewer(), "reviewer");
        requireFreeText(command.comment(), "comment");
        refuseReview(command.step(), command.reviewer());
        if (command.step() == ReviewStep.DATA_SECURITY_COMMITTEE && command.reviewer().equals(departmentApprover)) {
            throw new TransitionRefusedException("DATA_USE_REVIEWER_ALREADY_APPROVED", "reviewer " + command.reviewer()
                    + " approved application " + applicationId + " at DEPARTMENT; each step needs a different reviewer");
        }
        apply(new ReviewStepApprovedEvent(applicationId, command.step(), command.reviewer(), command.comment()));
        if (command.step() == ReviewStep.DATA_SECURITY_COMMITTEE) {
            Instant validFrom = GenericEventMessage.clock.instant();
            Instant until = validFrom.plus(requestedDuration);
            apply(new DataUseGrantedEvent(applicationId, applicant, organisation, purpose, views, rowScope, kind,
                    validFrom, until));
            deadlineManager.schedule(until, GRANT_EXPIRY);
        }
    }

    @CommandHandler
    public void handle(RejectDataUseApplicationCommand command) {
        requirePresent(command.step(), "step");
        requireText(command.reviewer(), "reviewer");
        requireFreeText(command.reason(), "reason");
        refuseReview(command.step(), command.reviewer());
        apply(new DataUseApplicationRejectedEvent(applicationId, command.step(), command.reviewer(), command.reason()));
    }

    @CommandHandler
    public void handle(RevokeGrantCommand command, DeadlineManager deadlineManager) {
        requireText(command.by(), "by");
        requireFreeText(command.reason(), "reason");
        boolean pastValidity = validUntil != null && !GenericEventMessage.clock.instant().isBefore(validUntil);
        if (state == ApplicationState.EXPIRED || (state == ApplicationState.GRANTED && pastValidity)) {
            throw new TransitionRefusedException("DATA_USE_GRANT_EXPIRED", "grant " + applicationId + " expired at "
                    + validUntil + "; an expired grant no longer holds and cannot be revoked");
        }
        if (state == ApplicationState.REVOKED) {
            throw new TransitionRefusedException("DATA_USE_GRANT_ALREADY_REVOKED", "grant " + applicationId
                    + " is already REVOKED; a grant is revoked once");
        }
        if (state != ApplicationState.GRANTED) {
            throw new TransitionRefusedException("DATA_USE_NOT_GRANTED", "application " + applicationId + " is "
                    + state + "; only a GRANTED grant can be revoked");
        }
        apply(new DataUseGrantRevokedEvent(applicationId, command.by(), command.reason()));
        deadlineManager.cancelAllWithinScope(GRANT_EXPIRY);
    }

    /** Checks the grant is still in force: a revocation cancels the deadline, but one may already be on its way. */
    @DeadlineHandler(deadlineName = GRANT_EXPIRY)
    void expire() {
        if (state == ApplicationState.GRANTED) {
            apply(new DataUseGrantExpiredEvent(applicationId, validUntil));
        }
    }

    /** The checks approving and rejecting share: under review, not by the applicant, at the pending step. */
    private void refuseReview(ReviewStep step, String reviewer) {
        if (!state.isUnderReview()) {
            throw new TransitionRefusedException("DATA_USE_NOT_UNDER_REVIEW", "application " + applicationId + " is "
                    + state + "; review steps are taken only while it is SUBMITTED or DEPARTMENT_APPROVED");
        }
        if (reviewer.equals(applicant)) {
            throw new TransitionRefusedException("DATA_USE_SELF_REVIEW", "reviewer " + reviewer
                    + " is the applicant of application " + applicationId + "; nobody reviews their own application");
        }
        ReviewStep pending = state == ApplicationState.SUBMITTED ? ReviewStep.DEPARTMENT : ReviewStep.DATA_SECURITY_COMMITTEE;
        if (step.compareTo(pending) < 0) {
            throw new TransitionRefusedException("DATA_USE_STEP_ALREADY_APPROVED", "application " + applicationId
                    + " is " + state + ": " + step + " has approved it; the pending step is " + pending);
        }
        if (step.compareTo(pending) > 0) {
            throw new TransitionRefusedException("DATA_USE_STEP_OUT_OF_ORDER", "application " + applicationId + " is "
                    + state + ": " + step + " may not act before " + pending + " has approved");
        }
    }

    @EventSourcingHandler
    void on(DataUseApplicationSubmittedEvent event) {
        applicationId = event.applicationId();
        applicant = event.applicant();
        organisation = event.organisation();
        purpose = event.purpose();
        views = event.views();
        rowScope = event.rowScope();
        requestedDuration = event.requestedDuration();
        kind = event.kind();
        state = ApplicationState.SUBMITTED;
    }

    @EventSourcingHandler
    void on(ReviewStepApprovedEvent event) {
        if (event.step() == ReviewStep.DEPARTMENT) {
            departmentApprover = event.reviewer();
            state = ApplicationState.DEPARTMENT_APPROVED;
        }
    }

    @EventSourcingHandler
    void on(DataUseGrantedEvent event) {
        validUntil = event.validUntil();
        state = ApplicationState.GRANTED;
    }

    @EventSourcingHandler
    void on(DataUseApplicationRejectedEvent event) {
        state = ApplicationState.REJECTED;
    }

    @EventSourcingHandler
    void on(DataUseGrantRevokedEvent event) {
        state = ApplicationState.REVOKED;
    }

    @EventSourcingHandler
    void on(DataUseGrantExpiredEvent event) {
        state = ApplicationState.EXPIRED;
    }
}
