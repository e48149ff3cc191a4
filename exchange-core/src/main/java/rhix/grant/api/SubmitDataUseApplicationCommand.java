package rhix.grant.api;

import java.time.Duration;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import rhix.policy.PurposeOfUse;

/** 申请: a researcher or health authority applies to use data; {@code applicant} is their principal id. */
public record SubmitDataUseApplicationCommand(
        @TargetAggregateIdentifier String applicationId,
        String applicant,
        String organisation,
        PurposeOfUse purpose,
        List<ViewScope> views,
        RowScope rowScope,
        Duration requestedDuration,
        GrantKind kind) {
}
