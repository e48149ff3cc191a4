package rhix.node.registry;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code rhix.node.registry.*}: liveness of the node tree.
 *
 * @param heartbeatInterval how often a node tells its parent it is alive (default 5s)
 * @param lateAfter         a node not heard from for this long is reported late (default 15s)
 * @param callDeadline      deadline of every registry call to the parent (default 3s)
 */
@ConfigurationProperties("rhix.node.registry")
public record RegistryConfiguration(@Bindable(defaultValue = "5s") Duration heartbeatInterval,
                                    @Bindable(defaultValue = "15s") Duration lateAfter,
                                    @Bindable(defaultValue = "3s") Duration callDeadline) {
}
