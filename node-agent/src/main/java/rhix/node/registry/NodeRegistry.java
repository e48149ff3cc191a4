package rhix.node.registry;

import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
 */
@Singleton
public class NodeRegistry {

    private static final Pattern NODE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final NodeConfiguration self;
    private final RegistryConfiguration configuration;
    private final NodeRegistryRepository repository;
    private final Clock clock;

    public NodeRegistry(NodeConfiguration self, RegistryConfiguration configuration, NodeRegistryRepository repository,
                        Clock clock) {
        this.self = self;
        this.configuration = configuration;
        this.repository = repository;
        this.clock = clock;
    }

    /** A registration as it arrives, before validation. */
    public record Registration(String nodeId, NodeLevel level, String divisionCode, String parentNodeId, String displayName,
                               String grpcTarget, String httpBaseUrl, List<String> relayedVia) {
    }

    public RegisteredNode register(Registration registration) throws RegistrationRejectedException, SQLException {
        validate(registration);
        Instant now = clock.instant();
        RegisteredNode node = new RegisteredNode(NodeId.of(registration.nodeId()), registration.level(),
                AdminDivisionCode.of(registration.divisionCode()), NodeId.of(registration.parentNodeId()),
                registration.displayName(), registration.grpcTarget(), registration.httpBaseUrl(),
                repository.find(NodeId.of(registration.nodeId())).map(RegisteredNode::registeredAt).orElse(now), null, 0);
        repository.upsert(node);
        return node;
    }

    /** Records that {@code nodeId} is alive now (by this node's clock); empty when it is not registered here. */
    public Optional<RegisteredNode> heartbeat(String nodeId, long storedResourceCount) throws SQLException {
        if (!NODE_ID.matcher(nodeId).matches()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!repository.recordHeartbeat(NodeId.of(nodeId), now, storedResourceCount)) {
            return Optional.empty();
        }
        return repository.find(NodeId.of(nodeId));
    }

    /** The descendants this node knows, ordered by (level, id), each with its liveness now. */
    public List<NodeTreeEntry> descendants() throws SQLException {
        Instant now = clock.instant();
        List<NodeTreeEntry> entries = new ArrayList<>();
        for (RegisteredNode node : repository.all()) {
            entries.add(new NodeTreeEntry(node, liveness(node, now)));
        }
        entries.sort(Comparator.comparing((NodeTreeEntry entry) -> entry.node().level())
                .thenComparing(entry -> entry.node().nodeId().value()));
        return entries;
    }

    public Optional<RegisteredNode> find(NodeId nodeId) throws SQLException {
        return repository.find(nodeId);
    }

    private NodeLiveness liveness(RegisteredNode node, Instant now) {
        Instant deadline = now.minus(configuration.lateAfter());
        if (node.lastHeartbeatAt() == null) {
            // Registered and then silent for a whole window is as late as a node that stopped.
            return node.registeredAt().isBefore(deadline) ? NodeLiveness.LATE : NodeLiveness.UNKNOWN;
        }
        return node.lastHeartbeatAt().isBefore(deadline) ? NodeLiveness.LATE : NodeLiveness.ALIVE;
    }

    private void validate(Registration registration) throws RegistrationRejectedException, SQLException {
        if (registration.nodeId() == null || !NODE_ID.matcher(registration.nodeId()).matches()) {
            throw new RegistrationRejectedException("node.node_id '" + registration.nodeId()
                    + "' is not a node id (1-63 lower-case letters, digits or dashes)");
        }
        if (registration.nodeId().equals(self.id())) {
            throw new RegistrationRejectedException("node.node_id '" + registration.nodeId() + "' is this node's own id");
        }
        if (registration.relayedVia().contains(self.id())) {
            throw new RegistrationRejectedException("relayed_via_node_ids already contains " + self.id()
                    + ": the registration went round a loop");
        }
        if (registration.level() == null) {
            throw new RegistrationRejectedException("node.level is unspecified");
        }
        if (!registration.level().canBeChildOf(self.level())) {
            throw new RegistrationRejectedException("node.level " + registration.level() + " cannot sit below this "
                    + self.level() + " node " + self.id());
        }
        if (registration.divisionCode() == null || !AdminDivisionCode.isWellFormed(registration.divisionCode())) {
            throw new RegistrationRejectedException("node.division_code '" + registration.divisionCode()
                    + "' is not a GB/T 2260 division code");
        }
        if (!AdminDivisionCode.of(registration.divisionCode()).isWithin(self.division())) {
            throw new RegistrationRejectedException("node.division_code " + registration.divisionCode()
                    + " lies outside this node's division " + self.divisionCode());
        }
        String parent = registration.parentNodeId();
        if (registration.relayedVia().isEmpty()) {
            if (!self.id().equals(parent)) {
                throw new RegistrationRejectedException("node.parent_node_id '" + parent + "' should be " + self.id()
                        + ", the node it registered with");
            }
        } else if (parent == null || !NODE_ID.matcher(parent).matches()
                || repository.find(NodeId.of(parent)).isEmpty() && !self.id().equals(parent)) {
            throw new RegistrationRejectedException("node.parent_node_id '" + parent
                    + "' is not a node registered below " + self.id());
        }
    }
}
