package rhix.grant.api;

import java.time.Duration;
import java.util.List;
import rhix.policy.PurposeOfUse;

public record DataUseApplicationSubmittedEvent(
        String applicationId,
        String applicant,
        String organisation,
        PurposeOfUse purpose,
        List<ViewScope> views,
        RowScope rowScope,
        Duration requestedDuration,
        GrantKind kind) {

    public DataUseApplicationSubmittedEvent {
        views = List.copyOf(views);
    }
}
