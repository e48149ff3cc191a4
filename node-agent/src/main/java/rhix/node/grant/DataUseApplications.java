package rhix.node.grant;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import rhix.grant.api.ApproveReviewStepCommand;
import rhix.grant.api.ColumnScope;
import rhix.grant.api.GrantKind;
import rhix.grant.api.RejectDataUseApplicationCommand;
import rhix.grant.api.ReviewStep;
import rhix.grant.api.RevokeGrantCommand;
import rhix.grant.api.RowScope;
import rhix.grant.api.SubmitDataUseApplicationCommand;
import rhix.grant.api.ViewScope;
import rhix.node.grant.DataUseRequests.Outcome;
import rhix.node.grant.DataUseRequests.Review;
import rhix.node.grant.DataUseRequests.SubmitApplication;
import rhix.policy.Deidentification;
import rhix.policy.PurposeOfUse;

/**
 * Turns the data-use API's requests into commands on the {@code DataUseApplication} aggregate: the aggregate
 * decides what may happen (its refusals reach the caller with their codes), the policy check what may be asked.
 */
@Singleton
public class DataUseApplications {

    private final CommandGateway commands;
    private final DataUsePolicyCheck policy;

    public DataUseApplications(CommandGateway commands, DataUsePolicyCheck policy) {
        this.commands = commands;
        this.policy = policy;
    }

    public Outcome submit(SubmitApplication request) {
        String applicationId = request.applicationId() == null || request.applicationId().isBlank()
                ? "dua-" + UUID.randomUUID() : request.applicationId();
        PurposeOfUse purpose = PurposeOfUse.parse(required(request.purpose(), "purpose"));
        List<ViewScope> views = views(request);
        policy.check(purpose, views);
        RowScope rows = request.rowScope() == null ? new RowScope("all rows", List.of())
                : new RowScope(request.rowScope().filter() == null ? "all rows" : request.rowScope().filter(),
                request.rowScope().divisionCodes() == null ? List.of() : request.rowScope().divisionCodes());
        if (request.durationDays() < 1) {
            throw new IllegalArgumentException("durationDays must be at least 1, was " + request.durationDays());
        }
        commands.sendAndWait(new SubmitDataUseApplicationCommand(applicationId, request.applicant(), request.organisation(), purpose,
                views, rows, Duration.ofDays(request.durationDays()), constant(GrantKind.class, request.kind(), "kind")));
        return new Outcome(applicationId, "UNDER_REVIEW");
    }

    public Outcome review(String applicationId, Review review) {
        ReviewStep step = constant(ReviewStep.class, review.step(), "step");
        String decision = required(review.decision(), "decision").toUpperCase(Locale.ROOT);
        switch (decision) {
            case "APPROVE" -> commands.sendAndWait(new ApproveReviewStepCommand(applicationId, step, review.reviewer(), review.note()));
            case "REJECT" -> commands.sendAndWait(new RejectDataUseApplicationCommand(applicationId, step, review.reviewer(), review.note()));
            default -> throw new IllegalArgumentException("decision must be APPROVE or REJECT, was '" + review.decision() + "'");
        }
        String state = decision.equals("REJECT") ? "REJECTED" : step == ReviewStep.DATA_SECURITY_COMMITTEE ? "GRANTED" : "UNDER_REVIEW";
        return new Outcome(applicationId, state);
    }

    public Outcome revoke(String grantId, DataUseRequests.Revocation revocation) {
        commands.sendAndWait(new RevokeGrantCommand(grantId, revocation.by(), revocation.reason()));
        return new Outcome(grantId, "REVOKED");
    }

    private static List<ViewScope> views(SubmitApplication request) {
        if (request.views() == null || request.views().isEmpty()) {
            throw new IllegalArgumentException("views: at least one view with its columns is required");
        }
        return request.views().stream().map(view -> new ViewScope(required(view.view(), "views[].view"),
                (view.columns() == null ? List.<DataUseRequests.ColumnRequest>of() : view.columns()).stream()
                        .map(column -> new ColumnScope(required(column.column(), "views[].columns[].column"),
                                constant(Deidentification.class, column.deidentification(), "views[].columns[].deidentification")))
                        .toList())).toList();
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, required(value, field).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().endsWith(" is required")) {
                throw e;
            }
            throw new IllegalArgumentException(field + " must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                    + ", was '" + value + "'");
        }
    }
}
