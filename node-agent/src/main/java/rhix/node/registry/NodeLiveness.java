package rhix.node.registry;

/** How a node looks from here. */
public enum NodeLiveness {
    /** Heard from within the late-after window. */
    ALIVE,
    /** Not heard from for longer than the window: silent, down, or cut off. */
    LATE,
    /** Registered within the window, no heartbeat yet. */
    UNKNOWN
}
