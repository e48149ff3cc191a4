package rhix.node.quality;

/** A finding's life as a work item: open until the producer fixes it or it is waived. */
public enum FindingStatus {
    OPEN,
    RESOLVED,
    WAIVED
}
