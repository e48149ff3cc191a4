package rhix.node.recognition;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import rhix.recognition.rules.QualityTier;

/**
 * {@code rhix.node.recognition.*}: how this node, as the requester in mutual recognition, runs an exchange.
 *
 * @param exchangeDeadline    how long an exchange may take, from request to the last provider's answer (default 3s);
 *                            {@code $recognizable-results} answers by then with what arrived
 * @param expiryGrace         how long past the deadline the operation waits for the expiry to be recorded (default 1s)
 * @param maxOpenExchanges    exchanges whose results are held in memory while their operation waits (default 256);
 *                            the oldest is dropped beyond it
 * @param fanOutThreads       threads that call providers, so one slow provider does not hold up the others (default 8)
 * @param defaultProducerTier the quality tier of a producing hospital not listed in {@code producer-tiers} (default
 *                            PROVINCIAL_EQA_PASSED: the region's hospitals take part in the provincial EQA)
 * @param producerTiers       quality tier by hospital organization code, e.g. {@code H330102002: NATIONAL_EQA_PASSED}
 * @param providerTargets     gRPC {@code host:port} by node id, for providers this node's registry does not know
 *                            (siblings, nodes elsewhere in the tree)
 * @param conceptMaps         a directory of ConceptMap JSON files (the generator's {@code conceptmaps/}) used to map
 *                            local codes to LOINC when no terminology server is configured; empty: none
 * @param rules               a recognition rule file replacing the shipped {@code recognition/rules.json}; empty: shipped
 */
@ConfigurationProperties("rhix.node.recognition")
public record RecognitionConfiguration(@NotNull @Bindable(defaultValue = "3s") Duration exchangeDeadline,
                                       @NotNull @Bindable(defaultValue = "1s") Duration expiryGrace,
                                       @Min(1) @Max(100_000) @Bindable(defaultValue = "256") int maxOpenExchanges,
                                       @Min(1) @Max(256) @Bindable(defaultValue = "8") int fanOutThreads,
                                       @NotNull @Bindable(defaultValue = "PROVINCIAL_EQA_PASSED") QualityTier defaultProducerTier,
                                       @Nullable Map<String, QualityTier> producerTiers,
                                       @Nullable Map<String, String> providerTargets,
                                       @Nullable Path conceptMaps,
                                       @Nullable Path rules) {

    public RecognitionConfiguration {
        if (exchangeDeadline != null && (exchangeDeadline.isZero() || exchangeDeadline.isNegative())) {
            throw new IllegalArgumentException("rhix.node.recognition.exchange-deadline must be positive: " + exchangeDeadline);
        }
        if (expiryGrace != null && expiryGrace.isNegative()) {
            throw new IllegalArgumentException("rhix.node.recognition.expiry-grace must not be negative: " + expiryGrace);
        }
        producerTiers = producerTiers == null ? Map.of() : Map.copyOf(producerTiers);
        providerTargets = providerTargets == null ? Map.of() : Map.copyOf(providerTargets);
    }

    public QualityTier tierOf(String organizationCode) {
        return producerTiers.getOrDefault(organizationCode == null ? "" : organizationCode, defaultProducerTier);
    }

    public Optional<String> configuredTarget(String nodeId) {
        return Optional.ofNullable(providerTargets.get(nodeId)).filter(target -> !target.isBlank());
    }
}
