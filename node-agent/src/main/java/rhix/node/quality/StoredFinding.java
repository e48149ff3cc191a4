package rhix.node.quality;

import io.micronaut.serde.annotation.Serdeable;
import java.time.OffsetDateTime;

/** A finding as the node keeps it, for the producer's work list. */
@Serdeable
public record StoredFinding(long findingId, String batchId, String producerId, String ruleId, QualityDimension dimension,
                            FindingSeverity severity, String resourceType, String resourceId, String elementPath,
                            String message, FindingStatus status, OffsetDateTime foundAt, OffsetDateTime closedAt,
                            String closedNote) {
}
