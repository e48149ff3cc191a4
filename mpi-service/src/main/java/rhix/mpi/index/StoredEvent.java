package rhix.mpi.index;

import java.time.Instant;

/** An event as the log keeps it, with its place in the order and who caused it. */
public record StoredEvent(long sequence, MpiEvent event, String actor, Instant occurredAt) {
}
