package rhix.node.ingest;

import java.util.Objects;

/**
 * One batch as a producer sends it.
 *
 * @param producerId   the hospital (organization code) the data comes from
 * @param sourceSystem the system at the producer that made it, e.g. HIS, LIS, PACS
 * @param atomic       all or nothing (the default); when false, good resources are kept and bad ones reported
 */
public record IngestRequest(String producerId, String sourceSystem, PayloadFormat format, byte[] payload, boolean atomic) {

    public IngestRequest {
        Objects.requireNonNull(producerId, "producerId is null");
        Objects.requireNonNull(sourceSystem, "sourceSystem is null");
        Objects.requireNonNull(format, "format is null");
        Objects.requireNonNull(payload, "payload is null");
    }
}
