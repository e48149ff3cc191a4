package rhix.node.mpi;

/** Whether the node sends its outbox to the MPI; in every mode, changes are queued. */
public enum MpiRegistrationMode {
    /** Sending to {@code rhix.node.mpi.target}. */
    ACTIVE,
    /** No {@code rhix.node.mpi.target}: the region has no MPI yet, or this node was not told where it is. */
    NOT_CONFIGURED,
    /** A target is set, but {@code rhix.node.mpi.enabled=false}: an operator stopped sending. */
    DISABLED
}
