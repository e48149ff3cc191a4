package rhix.node.ingest;

/** The node store failed while writing a batch; the transaction was rolled back, nothing was kept. */
public final class IngestionStoreException extends RuntimeException {

    public IngestionStoreException(String batchId, Throwable cause) {
        super("batch " + batchId + " could not be written to the node store and was rolled back: " + cause.getMessage(), cause);
    }
}
