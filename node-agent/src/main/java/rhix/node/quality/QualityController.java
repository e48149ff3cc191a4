package rhix.node.quality;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The quality closed loop's work list: findings per producer, and closing them once the producer
 * has corrected the data at the source (or the platform waives them).
 */
@Controller("/quality")
@ExecuteOn(TaskExecutors.BLOCKING)
public class QualityController {

    private final QualityFindingRepository findings;
    private final QualityRuleSet rules;
    private final Clock clock;

    public QualityController(QualityFindingRepository findings, QualityRuleSet rules, Clock clock) {
        this.findings = findings;
        this.rules = rules;
        this.clock = clock;
    }

    @Serdeable
    public record RuleDescription(String id, QualityDimension dimension, FindingSeverity severity, String resourceType,
                                  String description) {
    }

    @Serdeable
    public record CloseFinding(FindingStatus outcome, @Nullable String note) {
    }

    @Get(value = "/rules", produces = MediaType.APPLICATION_JSON)
    public List<RuleDescription> rules() {
        return rules.enabledRules().stream().map(rule -> new RuleDescription(rule.id(), rule.dimension(), rule.severity(),
                rule.resourceType(), rule.description())).toList();
    }

    @Get(value = "/findings", produces = MediaType.APPLICATION_JSON)
    public List<StoredFinding> findings(@Nullable @QueryValue String producer, @Nullable @QueryValue FindingStatus status,
                                        @Nullable @QueryValue String batch, @QueryValue(defaultValue = "100") int limit)
            throws SQLException {
        return findings.find(Optional.ofNullable(producer), Optional.ofNullable(status), Optional.ofNullable(batch),
                Math.max(1, Math.min(limit, 10_000)));
    }

    @Post(value = "/findings/{findingId}/close", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> close(@PathVariable long findingId, @Body CloseFinding request) throws SQLException {
        if (request.outcome() == null || request.outcome() == FindingStatus.OPEN) {
            return HttpResponse.badRequest(new Problem("outcome must be RESOLVED or WAIVED"));
        }
        boolean closed = findings.close(findingId, request.outcome(), request.note(), OffsetDateTime.now(clock));
        return closed ? HttpResponse.noContent()
                : HttpResponse.status(HttpStatus.CONFLICT).body(new Problem("no open finding " + findingId));
    }

    @Serdeable
    public record Problem(String message) {
    }
}
