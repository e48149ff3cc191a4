package rhix.node.terminology;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.terminology.client.Answer;
import rhix.terminology.client.CodeValidation;
import rhix.terminology.client.TerminologyClient;
import rhix.terminology.client.TerminologyUnavailableException;
import rhix.terminology.client.Translation;

/**
 * The terminology questions ingestion asks, through the cached client. No answer (no server configured, or
 * the server down with nothing cached) is an empty result: ingestion never fails for terminology, it only
 * finds less. After a failure the server is left alone for a cool-down, so one batch waits for one timeout.
 */
@Singleton
public class CodeChecks {

    public static final String LOINC = "http://loinc.org";
    private static final Logger LOG = LoggerFactory.getLogger(CodeChecks.class);

    private final Optional<TerminologyClient> client;
    private final TerminologyConfiguration configuration;
    private final Clock clock;
    private final AtomicLong unanswered = new AtomicLong();
    private volatile Instant quietUntil = Instant.MIN;

    public CodeChecks(TerminologyConfiguration configuration, Clock clock) {
        this.configuration = configuration;
        this.clock = clock;
        this.client = configuration.clientSettings().map(TerminologyClient::new);
    }

    public boolean configured() {
        return client.isPresent();
    }

    /** The node's one terminology client (and its cache), for other askers such as {@code $validate}; empty without a server. */
    public Optional<TerminologyClient> client() {
        return client;
    }

    public Optional<Answer<CodeValidation>> validate(String system, String code) {
        return ask(() -> client.get().validateCode(system, code), () -> client.get().cachedValidation(system, code));
    }

    public Optional<Answer<Translation>> toLoinc(String system, String code) {
        return ask(() -> client.get().translate(system, code, LOINC), () -> client.get().cachedTranslation(system, code, LOINC));
    }

    /**
     * The region's mapping of a local code to LOINC as the server has it now, not as cached: for re-checking
     * unmapped codes after an administrator added a mapping. Empty without a server.
     *
     * @throws TerminologyUnavailableException when the server does not answer
     */
    public Optional<Translation> toLoincNow(String system, String code) {
        return client.map(c -> c.translateNow(system, code, LOINC));
    }

    /** For {@code GET /node}: how the terminology server has served this node. */
    @Serdeable
    public record Usage(String url, long serverCalls, long staleAnswers, long unanswered) {
    }

    public Optional<Usage> usage() {
        return client.map(c -> new Usage(configuration.url(), c.serverCalls(), c.staleAnswers(), unanswered.get()));
    }

    private <T> Optional<Answer<T>> ask(Supplier<Answer<T>> askServer, Supplier<Optional<Answer<T>>> cached) {
        if (client.isEmpty()) {
            return Optional.empty();
        }
        if (clock.instant().isBefore(quietUntil)) {
            // Cooling down after a failure: only what the cache still holds, fresh or stale, is used.
            return cached.get();
        }
        try {
            return Optional.of(askServer.get());
        } catch (TerminologyUnavailableException e) {
            unanswered.incrementAndGet();
            quietUntil = clock.instant().plus(configuration.coolDown());
            LOG.warn("terminology server unavailable, terminology rules skipped for {}: {}", configuration.coolDown(), e.getMessage());
            return Optional.empty();
        }
    }
}
