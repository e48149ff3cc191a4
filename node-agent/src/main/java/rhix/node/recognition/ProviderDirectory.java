package rhix.node.recognition;

import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.node.registry.NodeRegistry;
import rhix.region.NodeId;

/**
 * Where a provider node serves gRPC: {@code rhix.node.recognition.provider-targets} first (nodes outside this
 * node's subtree), then the node registry (nodes that registered with this one give their gRPC target).
 */
@Singleton
public class ProviderDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderDirectory.class);

    private final RecognitionConfiguration configuration;
    private final NodeRegistry registry;

    public ProviderDirectory(RecognitionConfiguration configuration, NodeRegistry registry) {
        this.configuration = configuration;
        this.registry = registry;
    }

    public Optional<String> grpcTarget(NodeId node) {
        Optional<String> configured = configuration.configuredTarget(node.value());
        if (configured.isPresent()) {
            return configured;
        }
        try {
            return registry.find(node).map(registered -> registered.description().grpcTarget()).filter(target -> !target.isBlank());
        } catch (SQLException e) {
            LOG.warn("the node registry could not be read for the address of {}", node, e);
            return Optional.empty();
        }
    }
}
