package rhix.node.mpi;

/** Where a patient's latest change stands with the MPI. */
public enum MpiDeliveryState {
    /** Queued, not yet answered by the MPI (waiting for the relay, for the MPI to come back, or for a target). */
    PENDING,
    /** The MPI accepted it; for a registration, the enterprise id it answered is stored. */
    SENT,
    /** The MPI refused it as invalid; not retried until the patient changes again. */
    FAILED
}
