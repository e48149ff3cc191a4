package rhix.mpi.index;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * What happened to the index, as it is appended to {@code mpi_event}: enough to replay every link and
 * identity (issue 7 moves these onto Axon). Each event names the identity it concerns.
 */
public sealed interface MpiEvent {

    String enterpriseId();

    /** A record arrived with traits (new or changed); {@code residentIdInvalid} when its number failed GB 11643. */
    @Serdeable
    record RecordRegistered(String enterpriseId, RecordKey record, boolean residentIdInvalid, boolean changed)
            implements MpiEvent {
    }

    @Serdeable
    record IdentityCreated(String enterpriseId, RecordKey firstRecord) implements MpiEvent {
    }

    @Serdeable
    record RecordLinked(String enterpriseId, Link link) implements MpiEvent {
    }

    /** The node no longer holds the record; its link is gone. */
    @Serdeable
    record RecordRetracted(String enterpriseId, RecordKey record) implements MpiEvent {
    }

    @Serdeable
    record ReviewOpened(String enterpriseId, long taskId, RecordKey record, RecordKey candidateRecord, double score,
                        String vector) implements MpiEvent {
    }

    /** {@code enterpriseId} is the candidate identity the task asked about. */
    @Serdeable
    record ReviewDecided(String enterpriseId, long taskId, String decision, String reason) implements MpiEvent {
    }

    /**
     * {@code retired} was merged into {@code enterpriseId}; {@code moved} are the links it held, exactly as they
     * were, so an unmerge can put them back.
     */
    @Serdeable
    record IdentitiesMerged(String enterpriseId, String retired, List<Link> moved, String reason) implements MpiEvent {
    }

    /** The merge recorded at {@code mergeSequence} was undone: {@code restored} is active again with its links. */
    @Serdeable
    record IdentitiesUnmerged(String enterpriseId, String restored, long mergeSequence, List<Link> returned, String reason)
            implements MpiEvent {
    }

    /**
     * A bulk linkage run ({@code runId}) linked these records to the identity, creating it when {@code created}.
     * One event per identity, not per record, so a run over millions of records stays a few hundred thousand events.
     */
    @Serdeable
    record RecordsBulkLinked(String enterpriseId, String runId, boolean created, List<Link> links) implements MpiEvent {
    }

    /** Someone asked where a person's records are (the record locator), and why. */
    @Serdeable
    record RecordsLocated(String enterpriseId, String purposeOfUse, int records) implements MpiEvent {
    }
}
