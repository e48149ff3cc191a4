package rhix.node.ingest;

/** How a batch ended. Atomic batches are ACCEPTED or REJECTED; only non-atomic ones can be PARTIAL. */
public enum BatchStatus {
    ACCEPTED,
    PARTIAL,
    REJECTED
}
