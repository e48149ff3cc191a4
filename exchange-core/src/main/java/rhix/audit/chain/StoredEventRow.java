package rhix.audit.chain;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One row of Axon's {@code domainevententry} exactly as stored: what the chain vouches for. The verifier hashes
 * these bytes, not the deserialized event, so a change a serializer would hide (whitespace, a reordered JSON field)
 * is still a change.
 */
record StoredEventRow(
        long globalIndex,
        String eventIdentifier,
        String aggregateIdentifier,
        long sequenceNumber,
        String type,
        String payloadType,
        String payloadRevision,
        String timeStamp,
        byte[] metaData,
        byte[] payload) {

    /** The columns {@link #read} expects, in a SELECT over {@code domainevententry}. */
    static final String COLUMNS = "globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, type, "
            + "payloadType, payloadRevision, timeStamp, metaData, payload";

    static StoredEventRow read(ResultSet row) throws SQLException {
        return new StoredEventRow(
                row.getLong("globalIndex"),
                row.getString("eventIdentifier"),
                row.getString("aggregateIdentifier"),
                row.getLong("sequenceNumber"),
                row.getString("type"),
                row.getString("payloadType"),
                row.getString("payloadRevision"),
                row.getString("timeStamp"),
                row.getBytes("metaData"),
                row.getBytes("payload"));
    }

    /**
     * Every field length-prefixed (NULL distinct from empty), so bytes cannot shift from one field into the next
     * and still hash the same.
     */
    byte[] canonicalBytes() {
        return new LengthPrefixedBytes()
                .add(globalIndex)
                .add(eventIdentifier)
                .add(aggregateIdentifier)
                .add(sequenceNumber)
                .add(type)
                .add(payloadType)
                .add(payloadRevision)
                .add(timeStamp)
                .add(metaData)
                .add(payload)
                .toByteArray();
    }
}
