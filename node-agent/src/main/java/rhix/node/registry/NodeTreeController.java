package rhix.node.registry;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import rhix.node.NodeConfiguration;

/** {@code GET /nodes}: the node tree below this node, with liveness, for administrators and the demo. */
@Controller("/nodes")
@ExecuteOn(TaskExecutors.BLOCKING)
public class NodeTreeController {

    private final NodeRegistry registry;
    private final NodeConfiguration self;
    private final Clock clock;

    public NodeTreeController(NodeRegistry registry, NodeConfiguration self, Clock clock) {
        this.registry = registry;
        this.self = self;
        this.clock = clock;
    }

    @Serdeable
    public record TreeNode(String nodeId, String level, String divisionCode, String parentNodeId, String displayName,
                           String grpcTarget, String httpBaseUrl, NodeLiveness liveness, Instant lastHeartbeatAt,
                           Instant registeredAt, long storedResourceCount) {
    }

    @Serdeable
    public record Tree(String reportedBy, Instant asOf, List<TreeNode> nodes, List<String> late) {
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public Tree tree() throws SQLException {
        List<TreeNode> nodes = new ArrayList<>();
        List<String> late = new ArrayList<>();
        for (NodeTreeEntry entry : registry.descendants()) {
            RegisteredNode node = entry.node();
            nodes.add(new TreeNode(node.nodeId().value(), node.level().name(), node.division().value(),
                    node.parentId() == null ? null : node.parentId().value(), node.displayName(), node.grpcTarget(),
                    node.httpBaseUrl(), entry.liveness(), node.lastHeartbeatAt(), node.registeredAt(),
                    node.storedResourceCount()));
            if (entry.liveness() == NodeLiveness.LATE) {
                late.add(node.nodeId().value());
            }
        }
        return new Tree(self.id(), clock.instant(), nodes, late);
    }
}
