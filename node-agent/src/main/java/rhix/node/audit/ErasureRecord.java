package rhix.node.audit;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * The answer to an erasure: who was erased, when, by whom and why (the first erasure's values when it had been done
 * before), and the event that records it in the event store, and so in the audit chain.
 */
@Serdeable
public record ErasureRecord(String personRef, Instant erasedAt, String erasedBy, String reason, boolean alreadyErased,
                            String eventIdentifier, long globalIndex) {
}
