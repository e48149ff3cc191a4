package rhix.node.registry;

import java.time.Duration;
import java.time.Instant;

/** How a node looks from here, judged by this node's clock. */
public enum NodeLiveness {
    /** Heard from within the late-after window. */
    ALIVE,
    /** Not heard from for longer than the window: silent, down, or cut off. */
    LATE,
    /** Registered within the window and no heartbeat yet. */
    UNKNOWN;

    /**
     * A node that registered and then stayed silent for a whole window counts as late, not unknown:
     * a healthy node heartbeats right after registering, so such a node died or lost its parent link,
     * and the province must list it among the late ones.
     */
    public static NodeLiveness of(RegisteredNode node, Instant now, Duration lateAfter) {
        Instant cutoff = now.minus(lateAfter);
        if (node.lastHeartbeatAt() == null) {
            return node.registeredAt().isBefore(cutoff) ? LATE : UNKNOWN;
        }
        return node.lastHeartbeatAt().isBefore(cutoff) ? LATE : ALIVE;
    }
}
