package rhix.node.registry;

import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import rhix.identity.AdminDivisionCode;
import rhix.node.NodeConfiguration;
import rhix.region.NodeId;
import rhix.region.NodeLevel;

/**
 * The part of the node tree at and below this node: who registered, who is alive. A city knows
 * its counties; the province, through relayed registrations and heartbeats, knows everyone.
 * Registrations are checked against the tree's rules before anything is stored.
 */
@Singleton
public class NodeRegistry {

    private static final Pattern NODE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    // Column widths of registered_node (changelog 004).
    private static final int DISPLAY_NAME_LENGTH = 128;
    private static final int ADDRESS_LENGTH = 255;
    private static final Comparator<NodeTreeEntry> BY_LEVEL_THEN_ID = Comparator
            .comparing((NodeTreeEntry entry) -> entry.node().description().level())
            .thenComparing(entry -> entry.node().description().nodeId().value());

    private final NodeConfiguration self;
    private final RegistryConfiguration configuration;
    private final NodeRegistryRepository repository;
    private final LocalNode localNode;
    private final Clock clock;

    public NodeRegistry(NodeConfiguration self, RegistryConfiguration configuration, NodeRegistryRepository repository,
                        LocalNode localNode, Clock clock) {
        this.self = self;
        this.configuration = configuration;
        this.repository = repository;
        this.localNode = localNode;
        this.clock = clock;
    }

    /** Checks a registration against the tree's rules and stores it; a known node is updated. */
    public RegisteredNode register(Registration registration) throws RegistryRequestRejectedException, SQLException {
        NodeDescription node = validate(registration);
        return repository.upsert(node, clock.instant());
    }

    /**
     * Records that {@code nodeId} is alive now, by this node's clock (so a sender's wrong clock
     * cannot make it look alive or late). False when the node is not registered here: it should register again.
     */
    public boolean heartbeat(String nodeId, List<String> relayedVia, long storedResourceCount)
            throws RegistryRequestRejectedException, SQLException {
        requireNodeId("node_id", nodeId);
        requireNoLoop(relayedVia);
        if (storedResourceCount < 0) {
            throw new RegistryRequestRejectedException("stored_resource_count " + storedResourceCount + " is negative");
        }
        return repository.recordHeartbeat(NodeId.of(nodeId), clock.instant(), storedResourceCount);
    }

    /** This node, then its descendants ordered by (level, node id), each with its liveness now. */
    public NodeTree tree() throws SQLException {
        Instant now = clock.instant();
        NodeTreeEntry selfEntry = new NodeTreeEntry(
                new RegisteredNode(localNode.description(), localNode.startedAt(), now, localNode.storedResourceCount()),
                NodeLiveness.ALIVE);
        List<NodeTreeEntry> descendants = repository.all().stream()
                .map(node -> new NodeTreeEntry(node, NodeLiveness.of(node, now, configuration.lateAfter())))
                .sorted(BY_LEVEL_THEN_ID)
                .toList();
        return new NodeTree(now, selfEntry, descendants);
    }

    public Optional<RegisteredNode> find(NodeId nodeId) throws SQLException {
        return repository.find(nodeId);
    }

    private NodeDescription validate(Registration registration) throws RegistryRequestRejectedException, SQLException {
        requireNodeId("node.node_id", registration.nodeId());
        requireNoLoop(registration.relayedVia());
        if (registration.nodeId().equals(self.id())) {
            throw new RegistryRequestRejectedException("node.node_id '" + registration.nodeId()
                    + "' is the id of the node it registered with");
        }
        NodeLevel level = registration.level();
        if (level == null) {
            throw new RegistryRequestRejectedException("node.level is unspecified");
        }
        if (!level.canBeChildOf(self.level())) {
            throw new RegistryRequestRejectedException("node.level " + level + " is not below this " + self.level()
                    + " node " + self.id());
        }
        if (!AdminDivisionCode.isWellFormed(registration.divisionCode())) {
            throw new RegistryRequestRejectedException("node.division_code '" + registration.divisionCode()
                    + "' is not a GB/T 2260 division code (six digits, province part 11-82)");
        }
        AdminDivisionCode division = AdminDivisionCode.of(registration.divisionCode());
        if (!division.isWithin(self.division())) {
            throw new RegistryRequestRejectedException("node.division_code " + division
                    + " lies outside this node's division " + self.divisionCode());
        }
        NodeId parent = registration.isRelayed() ? relayedParent(registration, level, division) : directParent(registration);
        requireLength("node.display_name", registration.displayName(), DISPLAY_NAME_LENGTH);
        requireLength("node.grpc_target", registration.grpcTarget(), ADDRESS_LENGTH);
        requireLength("node.http_base_url", registration.httpBaseUrl(), ADDRESS_LENGTH);
        return new NodeDescription(NodeId.of(registration.nodeId()), level, division, parent, registration.displayName(),
                registration.grpcTarget(), registration.httpBaseUrl());
    }

    /** A node registering with this one directly must name this node as its parent. */
    private NodeId directParent(Registration registration) throws RegistryRequestRejectedException {
        if (!self.id().equals(registration.parentNodeId())) {
            throw new RegistryRequestRejectedException("node.parent_node_id '" + nullToEmpty(registration.parentNodeId())
                    + "' should be " + self.id() + ", the node it registered with");
        }
        return self.nodeId();
    }

    /**
     * A relayed node must hang below this one: its parent is this node or a node registered here,
     * and it sits below that parent in level and division.
     */
    private NodeId relayedParent(Registration registration, NodeLevel level, AdminDivisionCode division)
            throws RegistryRequestRejectedException, SQLException {
        String parentId = registration.parentNodeId();
        if (parentId == null || !NODE_ID.matcher(parentId).matches()) {
            throw new RegistryRequestRejectedException("node.parent_node_id '" + nullToEmpty(parentId)
                    + "' is not a node id");
        }
        if (parentId.equals(self.id())) {
            return self.nodeId();
        }
        NodeDescription parent = repository.find(NodeId.of(parentId)).map(RegisteredNode::description)
                .orElseThrow(() -> new RegistryRequestRejectedException("node.parent_node_id '" + parentId
                        + "' is neither " + self.id() + " nor a node registered below it"));
        if (!level.canBeChildOf(parent.level())) {
            throw new RegistryRequestRejectedException("node.level " + level + " is not below its parent " + parentId
                    + " (" + parent.level() + ")");
        }
        if (!division.isWithin(parent.division())) {
            throw new RegistryRequestRejectedException("node.division_code " + division + " lies outside the division "
                    + parent.division() + " of its parent " + parentId);
        }
        return parent.nodeId();
    }

    private static void requireNodeId(String field, String nodeId) throws RegistryRequestRejectedException {
        if (nodeId == null || nodeId.isEmpty()) {
            throw new RegistryRequestRejectedException(field + " is missing");
        }
        if (!NODE_ID.matcher(nodeId).matches()) {
            throw new RegistryRequestRejectedException(field + " '" + nodeId
                    + "' is not a node id (1-63 lower-case letters, digits or dashes)");
        }
    }

    private void requireNoLoop(List<String> relayedVia) throws RegistryRequestRejectedException {
        if (relayedVia.contains(self.id())) {
            throw new RegistryRequestRejectedException("relayed_via_node_ids " + relayedVia + " already contains "
                    + self.id() + ": the request went round a loop");
        }
    }

    private static void requireLength(String field, String value, int maximum) throws RegistryRequestRejectedException {
        if (value != null && value.length() > maximum) {
            throw new RegistryRequestRejectedException(field + " is " + value.length() + " characters long, at most "
                    + maximum + " are kept");
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
