package rhix.node.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryConfigurationTest {

    @Test
    void theDefaultsAreTheDocumentedValues() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("rhix.node.id", "county-330199"))) {
            RegistryConfiguration defaults = context.getBean(RegistryConfiguration.class);

            assertThat(defaults.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
            assertThat(defaults.lateAfter()).isEqualTo(Duration.ofSeconds(15));
            assertThat(defaults.callDeadline()).isEqualTo(Duration.ofSeconds(3));
            assertThat(defaults.maxRegistrationBackoff()).isEqualTo(Duration.ofMinutes(1));
            assertThat(defaults.firstRegistrationRetry()).isEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void everyPropertyIsBound() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("rhix.node.id", "county-330198",
                "rhix.node.registry.heartbeat-interval", "250ms", "rhix.node.registry.late-after", "2s",
                "rhix.node.registry.call-deadline", "700ms", "rhix.node.registry.max-registration-backoff", "10s"))) {
            RegistryConfiguration configured = context.getBean(RegistryConfiguration.class);

            assertThat(configured).isEqualTo(new RegistryConfiguration(Duration.ofMillis(250), Duration.ofSeconds(2),
                    Duration.ofMillis(700), Duration.ofSeconds(10)));
            // A heartbeat interval under a second is also the first retry.
            assertThat(configured.firstRegistrationRetry()).isEqualTo(Duration.ofMillis(250));
        }
    }

    @Test
    void aLateAfterNotLongerThanTheHeartbeatIntervalIsRefused() {
        assertThatThrownBy(() -> new RegistryConfiguration(Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(3), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rhix.node.registry.late-after (PT5S) must be longer than"
                        + " rhix.node.registry.heartbeat-interval (PT5S)");
        assertThatThrownBy(() -> new RegistryConfiguration(Duration.ofSeconds(5), Duration.ofSeconds(15),
                Duration.ZERO, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rhix.node.registry.call-deadline must be positive: PT0S");
    }

    @Test
    void aParentTargetWithoutAParentIdStopsStartUp() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("rhix.node.id", "county-330192",
                "rhix.node.level", "COUNTY", "rhix.node.division-code", "330192",
                "rhix.node.parent-target", "127.0.0.1:9")))
                .hasStackTraceContaining("rhix.node.parent-target is set but rhix.node.parent-id is not");
    }
}
