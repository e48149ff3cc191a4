package rhix.node.grant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The bodies the data-use API takes (申请—审批), as JSON. */
public final class DataUseRequests {

    /** One column asked for and how it is to be de-identified (a {@code rhix.policy.Deidentification} name). */
    @Serdeable
    public record ColumnRequest(String column, String deidentification) {
    }

    @Serdeable
    public record ViewRequest(String view, List<ColumnRequest> columns) {
    }

    @Serdeable
    public record RowScopeRequest(@Nullable String filter, @Nullable List<String> divisionCodes) {
    }

    /**
     * An application: {@code purpose} a v3 code or name (HRESCH / RESEARCH, PUBHLTH / PUBLIC_HEALTH), {@code kind}
     * TEMPORARY or LONG_TERM; the id is generated when none is given.
     */
    @Serdeable
    public record SubmitApplication(@Nullable String applicationId, String applicant, String organisation, String purpose,
                                    List<ViewRequest> views, @Nullable RowScopeRequest rowScope, int durationDays, String kind) {
    }

    /** A review step's decision: {@code step} DEPARTMENT or DATA_SECURITY_COMMITTEE, {@code decision} APPROVE or REJECT. */
    @Serdeable
    public record Review(String step, String reviewer, String decision, @Nullable String note) {
    }

    @Serdeable
    public record Revocation(String by, String reason) {
    }

    /** What a command left the application or grant as. */
    @Serdeable
    public record Outcome(String applicationId, String state) {
    }

    /** A refusal: a stable code, what was wrong, and per column or field what was refused. */
    @Serdeable
    public record Problem(String code, String message, List<String> details) {
    }

    private DataUseRequests() {
    }
}
