package rhix.node.mpi;

/** What the MPI has to hear about a local patient: only the latest is kept, so a delete after an update sends the delete. */
public enum MpiAction {
    /** Register (or replace) the patient's current traits. */
    REGISTER,
    /** The patient was deleted here: the MPI must stop linking a person through this record. */
    RETRACT
}
