package rhix.node.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.BindableService;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.opentelemetry.instrumentation.grpc.v1_6.GrpcTelemetry;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrpcConfigurationTest {

    /**
     * The defaults include port 9090, which the test must not bind (it may be taken on this machine),
     * so the server that would listen on it stays down in this test.
     */
    @Singleton
    @Replaces(GrpcServer.class)
    @Requires(property = "spec.name", value = "GrpcConfigurationTest")
    static class UnboundGrpcServer extends GrpcServer {
        UnboundGrpcServer(GrpcConfiguration configuration, List<BindableService> services, GrpcTelemetry telemetry) {
            super(configuration, services, telemetry);
        }

        @Override
        public void onApplicationEvent(StartupEvent event) {
        }
    }

    @Test
    void theDefaultsAreTheDocumentedValues() {
        // Without the test environment, whose application-test.yml sets port 0 (and the FHIR port and
        // FHIR security, whose fail-safe default would stop the node without keys, set here).
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
                .properties(Map.of("spec.name", "GrpcConfigurationTest", "rhix.node.id", "county-330197",
                        "rhix.node.fhir.port", 0, "rhix.node.fhir.security.enabled", false)).start()) {
            GrpcConfiguration defaults = context.getBean(GrpcConfiguration.class);

            assertThat(defaults.port()).isEqualTo(9090);
            assertThat(defaults.advertisedHost()).isEqualTo("127.0.0.1");
            assertThat(defaults.shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
        }
    }

    @Test
    void everyPropertyIsBound() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("rhix.node.id", "county-330196",
                "rhix.node.grpc.port", 0, "rhix.node.grpc.advertised-host", "county-330196.rhix.internal",
                "rhix.node.grpc.shutdown-grace", "1s"))) {
            GrpcConfiguration configured = context.getBean(GrpcConfiguration.class);

            assertThat(configured).isEqualTo(new GrpcConfiguration(0, "county-330196.rhix.internal", Duration.ofSeconds(1)));
            assertThat(context.getBean(GrpcServer.class).advertisedTarget())
                    .isEqualTo("county-330196.rhix.internal:" + context.getBean(GrpcServer.class).port());
        }
    }
}
