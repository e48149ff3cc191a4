package rhix.node.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rhix.audit.chain.AuditChainReport;
import rhix.exchange.api.RequestExchangeCommand;
import rhix.policy.PurposeOfUse;
import rhix.region.NodeId;

/** The developer's node (embedded H2, nothing configured) chains, verifies and shows its trail too. */
class AuditOnEmbeddedStoreTest {

    @TempDir
    Path keys;

    @Test
    void embeddedNodeChainsAndShowsItsTrail() throws Exception {
        try (ApplicationContext node = ApplicationContext.run(Map.of("rhix.node.id", "audit-embedded-h2",
                "rhix.node.audit.key-directory", keys.toString(), "rhix.node.audit.chain-interval", "1h"))) {
            node.getBean(CommandGateway.class).sendAndWait(new RequestExchangeCommand("ex-h2", NodeId.of("hospital-1"), "dr-h2",
                    PurposeOfUse.TREATMENT, "EMPI-0100", List.of("2345-7"), Instant.now().plus(Duration.ofMinutes(5))));

            node.getBean(AuditChainSchedule.class).signHeadNow();

            AuditChainReport report = node.getBean(rhix.audit.chain.AuditChainVerifier.class)
                    .verify(NodeId.of("audit-embedded-h2"), node.getBean(rhix.audit.chain.NodeSigningKey.class).publicKey());
            assertThat(report.isValid()).isTrue();
            assertThat(report.linksChecked()).isEqualTo(1);
            assertThat(report.lastCheckpointPosition()).isEqualTo(1);
            List<StoredEvent> trail = node.getBean(EventTrailRepository.class).page(new EventTrailQuery(null, null, null, "ex-h2", null), 0, 10);
            assertThat(trail).singleElement().satisfies(event -> {
                assertThat(event.chainPosition()).isEqualTo(1);
                assertThat(event.linkHash()).hasSize(64);
            });
        }
    }
}
