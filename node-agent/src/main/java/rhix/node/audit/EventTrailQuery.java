package rhix.node.audit;

import java.time.Instant;

/**
 * What a consumer asked of the event trail. Every part is optional (null).
 *
 * @param globalIndex         one event ({@code _id=evt-<globalIndex>})
 * @param recordedFrom        inclusive lower bound of the event timestamp
 * @param recordedTo          inclusive upper bound of the event timestamp
 * @param aggregateIdentifier the events of one aggregate: an exchange, a data-use application, an erasure
 * @param upToGlobalIndex     the newest event a paged search shows, fixed when it starts, so events appended while a
 *                            consumer pages do not shift the pages
 */
record EventTrailQuery(Long globalIndex, Instant recordedFrom, Instant recordedTo, String aggregateIdentifier,
                       Long upToGlobalIndex) {

    EventTrailQuery upTo(long newest) {
        return new EventTrailQuery(globalIndex, recordedFrom, recordedTo, aggregateIdentifier, newest);
    }
}
