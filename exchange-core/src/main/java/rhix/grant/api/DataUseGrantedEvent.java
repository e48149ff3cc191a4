package rhix.grant.api;

import java.time.Instant;
import java.util.List;
import rhix.policy.PurposeOfUse;

/**
 * 审批: the committee approved, and the grant holds what was applied for, exactly: the federated query
 * enforces these views, columns, de-identification and rows from {@code validFrom} until {@code validUntil}
 * (exclusive), unless revoked. One application gives at most one grant, so {@code grantId} is the
 * application's id; a renewal is a new application.
 */
public record DataUseGrantedEvent(
        String grantId,
        String applicant,
        String organisation,
        PurposeOfUse purpose,
        List<ViewScope> views,
        RowScope rowScope,
        GrantKind kind,
        Instant validFrom,
        Instant validUntil) {

    public DataUseGrantedEvent {
        views = List.copyOf(views);
    }
}
