package rhix.node.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import rhix.region.NodeId;

/**
 * {@code GET /nodes}: the node tree as this node sees it, for administrators and the demo. The
 * province's view covers the region; {@code late} lists the nodes not heard from in time.
 */
@Controller("/nodes")
@ExecuteOn(TaskExecutors.BLOCKING)
public class NodeTreeController {

    private final NodeRegistry registry;

    public NodeTreeController(NodeRegistry registry) {
        this.registry = registry;
    }

    /** One node; {@code lastHeartbeatAt} is null for a node that never sent one. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TreeNode(String nodeId, String level, String divisionCode, String parentNodeId, String displayName,
                           String grpcTarget, String httpBaseUrl, NodeLiveness liveness, Instant lastHeartbeatAt,
                           Instant registeredAt, long storedResourceCount) {

        static TreeNode of(NodeTreeEntry entry) {
            RegisteredNode node = entry.node();
            NodeDescription description = node.description();
            return new TreeNode(description.nodeId().value(), description.level().name(), description.division().value(),
                    description.parentId() == null ? null : description.parentId().value(), description.displayName(),
                    description.grpcTarget(), description.httpBaseUrl(), entry.liveness(), node.lastHeartbeatAt(),
                    node.registeredAt(), node.storedResourceCount());
        }
    }

    /**
     * {@code self} is the answering node; {@code nodes} are the ones below it, ordered by (level, node id).
     * Empty lists and nulls are written out, so that "no late nodes" reads as {@code "late": []}.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Tree(String reportedBy, Instant asOf, TreeNode self, List<TreeNode> nodes, List<String> late) {
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public Tree tree() throws SQLException {
        NodeTree tree = registry.tree();
        return new Tree(tree.self().node().description().nodeId().value(), tree.asOf(), TreeNode.of(tree.self()),
                tree.descendants().stream().map(TreeNode::of).toList(), tree.late().stream().map(NodeId::value).toList());
    }
}
