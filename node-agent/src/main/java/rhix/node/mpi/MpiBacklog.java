package rhix.node.mpi;

import java.time.Instant;

/**
 * What the outbox holds, for the node's status page.
 *
 * @param oldestPendingSince when the longest-waiting pending change was queued, null when none waits
 * @param lastSuccessAt      when the MPI last accepted a change from this node
 * @param lastError          the most recent error still standing on a row: a refusal (failed rows) or why pending rows wait
 */
public record MpiBacklog(long pending, long sent, long failed, Instant oldestPendingSince, Instant lastSuccessAt,
                         String lastError, Instant lastErrorAt) {
}
