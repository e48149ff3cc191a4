package rhix.node.quality;

/** How urgently a producer must act on a finding; none of them stops a resource being stored. */
public enum FindingSeverity {
    INFO,
    WARNING,
    ERROR
}
