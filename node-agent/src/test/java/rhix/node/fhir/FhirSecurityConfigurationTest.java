package rhix.node.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Node ids are unique to this class: each names an in-memory H2 store that lives as long as the test JVM. */
class FhirSecurityConfigurationTest {

    @Test
    void theDefaultsAreTheDocumentedValues() {
        // Outside the test environment (whose application-test.yml turns security off); issuer and keys have no default.
        Map<String, Object> properties = new HashMap<>(Map.of("rhix.node.id", "county-330185", "rhix.node.fhir.port", 0,
                "rhix.node.grpc.port", 0, "micronaut.server.port", -1));
        properties.put("rhix.node.fhir.security.issuer", TestTokens.ISSUER);
        properties.put("rhix.node.fhir.security.jwks", TestTokens.authority().publicJwks());
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).properties(properties).start()) {
            FhirSecurityConfiguration defaults = context.getBean(FhirSecurityConfiguration.class);

            assertThat(defaults.enabled()).isTrue();
            assertThat(defaults.jwksPath()).isNull();
            assertThat(defaults.audienceIfSet()).isEmpty();
            assertThat(defaults.clockSkew()).isEqualTo(Duration.ofSeconds(60));
            assertThat(defaults.purposeOfUseRequired()).isTrue();
        }
    }

    @Test
    void everyPropertyIsBound() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("rhix.node.id", "county-330186",
                "rhix.node.fhir.security.enabled", false, "rhix.node.fhir.security.issuer", "https://auth.example",
                "rhix.node.fhir.security.jwks-path", "/etc/rhix/region-jwks.json", "rhix.node.fhir.security.jwks", "{}",
                "rhix.node.fhir.security.audience", "https://county-330186.example/fhir",
                "rhix.node.fhir.security.clock-skew", "30s", "rhix.node.fhir.security.purpose-of-use-required", false))) {
            FhirSecurityConfiguration configured = context.getBean(FhirSecurityConfiguration.class);

            assertThat(configured).isEqualTo(new FhirSecurityConfiguration(false, "https://auth.example",
                    Path.of("/etc/rhix/region-jwks.json"), "{}", "https://county-330186.example/fhir", Duration.ofSeconds(30), false));
        }
    }
}
