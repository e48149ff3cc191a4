package rhix.node.ingest;

import io.micronaut.serde.annotation.Serdeable;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What a batch did, for the producer's reconciliation (对账): the counts must add up to what the
 * source sent ({@code resourceCount = created + updated + unchanged + deleted + rejected}) and the
 * checksum identifies the exact payload. Only writes through the FHIR API delete.
 */
@Serdeable
public record IngestReport(String batchId, String producerId, String sourceSystem, PayloadFormat format,
                           BatchStatus status, String payloadSha256, OffsetDateTime receivedAt,
                           OffsetDateTime completedAt, int resourceCount, int created, int updated, int unchanged,
                           int rejected, int findings, List<String> problems, int deleted) {

    public IngestReport {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }
}
