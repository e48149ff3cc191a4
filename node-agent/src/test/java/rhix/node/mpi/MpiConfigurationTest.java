package rhix.node.mpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Node ids here are this class's own: an embedded store outlives its context, shared by every node of that id in the JVM. */
class MpiConfigurationTest {

    @Test
    void theDefaultsAreTheDocumentedValuesAndLeaveRegistrationUnconfigured() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("rhix.node.id", "county-330181"))) {
            MpiConfiguration defaults = context.getBean(MpiConfiguration.class);

            assertThat(defaults).isEqualTo(new MpiConfiguration(true, null, 500, Duration.ofSeconds(5), Duration.ofSeconds(1),
                    Duration.ofMinutes(1), Duration.ofSeconds(30)));
            assertThat(defaults.mode()).isEqualTo(MpiRegistrationMode.NOT_CONFIGURED);
        }
    }

    @Test
    void everyPropertyIsBound() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("rhix.node.id", "county-330182",
                "rhix.node.mpi.enabled", false, "rhix.node.mpi.target", "mpi.rhix.internal:9443",
                "rhix.node.mpi.batch-size", 50, "rhix.node.mpi.deadline", "2s",
                "rhix.node.mpi.retry-min-backoff", "200ms", "rhix.node.mpi.retry-max-backoff", "10m",
                "rhix.node.mpi.poll-interval", "5m"))) {
            MpiConfiguration configured = context.getBean(MpiConfiguration.class);

            assertThat(configured).isEqualTo(new MpiConfiguration(false, "mpi.rhix.internal:9443", 50, Duration.ofSeconds(2),
                    Duration.ofMillis(200), Duration.ofMinutes(10), Duration.ofMinutes(5)));
            assertThat(configured.mode()).isEqualTo(MpiRegistrationMode.DISABLED);
        }
    }

    @Test
    void aMaximumBackoffShorterThanTheFirstIsRefusedNamingBoth() {
        assertThatThrownBy(() -> new MpiConfiguration(true, "mpi:9443", 500, Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(1), Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rhix.node.mpi.retry-max-backoff (PT1S) must not be shorter than rhix.node.mpi.retry-min-backoff (PT10S)");
    }

    @Test
    void aZeroDeadlineIsRefused() {
        assertThatThrownBy(() -> new MpiConfiguration(true, "mpi:9443", 500, Duration.ZERO, Duration.ofSeconds(1),
                Duration.ofMinutes(1), Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rhix.node.mpi.deadline must be positive: PT0S");
    }
}
