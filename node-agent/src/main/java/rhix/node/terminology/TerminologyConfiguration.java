package rhix.node.terminology;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import rhix.terminology.client.TerminologyClientSettings;

/**
 * {@code rhix.node.terminology.*}: the region's terminology server, which ingestion asks whether national codes
 * are codes (rule V05) and whether local result codes map to LOINC (rule V04).
 *
 * @param url        FHIR base of the terminology server, e.g. {@code http://terminology:8590/fhir}; empty (the
 *                   default): no server, the terminology rules find nothing
 * @param timeout    per call (default 2s)
 * @param freshFor   how long an answer is reused without asking (default 10m); a new mapping reaches the node
 *                   within this time
 * @param keepStale  how long an expired answer stands in while the server does not answer (default 1d)
 * @param maxEntries answers cached (default 100000)
 * @param coolDown   after the server failed to answer, how long ingestion does not ask it again (default 30s),
 *                   so a batch waits for one timeout, not one per code
 */
@ConfigurationProperties("rhix.node.terminology")
public record TerminologyConfiguration(@Nullable String url,
                                       @NotNull @Bindable(defaultValue = "2s") Duration timeout,
                                       @NotNull @Bindable(defaultValue = "10m") Duration freshFor,
                                       @NotNull @Bindable(defaultValue = "1d") Duration keepStale,
                                       @Min(1) @Bindable(defaultValue = "100000") int maxEntries,
                                       @NotNull @Bindable(defaultValue = "30s") Duration coolDown) {

    public Optional<TerminologyClientSettings> clientSettings() {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new TerminologyClientSettings(URI.create(url.trim()), timeout, freshFor, keepStale, maxEntries));
    }
}
