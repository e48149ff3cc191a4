package rhix.node.audit;

import java.time.Instant;

/**
 * One row of {@code domainevententry} as the event trail shows it, with its audit chain link when it has one.
 *
 * @param aggregateType  the aggregate's type ({@code Exchange}, {@code DataUseApplication}…); null for a plain event
 * @param payload        the stored JSON bytes, decoded generically: the trail must show events whose classes it does not know
 * @param chainPosition  null when the chainer has not linked the event yet
 */
record StoredEvent(long globalIndex, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                   String aggregateType, String payloadType, Instant timestamp, byte[] payload, Long chainPosition,
                   String linkHash) {
}
