package rhix.mpi.index;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A bulk linkage run as an administrator watches it: where it is ({@code phase}, {@code done} of
 * {@code total}) and, when it has finished, what it did.
 *
 * @param phase LOADING, then the linker's phases (BLOCKING … CLUSTERING), then WRITING and ESTIMATED
 */
@Serdeable
public record BulkLinkageRun(String runId, State state, String phase, long done, long total, Instant startedAt,
                             Instant finishedAt, Summary summary, String error) {

    public enum State {
        RUNNING,
        SUCCEEDED,
        FAILED
    }

    /**
     * @param records          records the run looked at (all of them: new ones and already linked ones)
     * @param linkedRecords    records it linked (those that waited)
     * @param newIdentities    enterprise identities it created
     * @param reviewTasks      review tasks it opened
     * @param candidatePairs   pairs compared
     * @param modelId          the EM-estimated model it stored as the active one
     * @param seconds          the run's wall-clock time; {@code linkerSeconds} the linker's share of it
     */
    @Serdeable
    public record Summary(long records, long linkedRecords, long newIdentities, long reviewTasks, long candidatePairs,
                          long modelId, int emIterations, boolean emConverged, double linkThreshold, double reviewThreshold,
                          double seconds, double linkerSeconds) {
    }

    BulkLinkageRun progress(String newPhase, long newDone, long newTotal) {
        return new BulkLinkageRun(runId, state, newPhase, newDone, newTotal, startedAt, finishedAt, summary, error);
    }
}
