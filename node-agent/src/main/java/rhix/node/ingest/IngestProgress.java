package rhix.node.ingest;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where each running batch is, for the log and for {@code GET /ingest/batches/{id}} while it runs. */
@Singleton
public class IngestProgress {

    private static final Logger LOG = LoggerFactory.getLogger(IngestProgress.class);
    /** Log a line at least this often (in resources) on a long load. */
    private static final int LOG_EVERY = 10_000;

    public enum Phase { PARSING, CHECKING, WRITING }

    @Serdeable
    public record Snapshot(String batchId, Phase phase, int done, int total) {
    }

    private final Map<String, Snapshot> running = new ConcurrentHashMap<>();

    void update(String batchId, Phase phase, int done, int total) {
        Snapshot previous = running.put(batchId, new Snapshot(batchId, phase, done, total));
        boolean phaseChanged = previous == null || previous.phase() != phase;
        if (total >= LOG_EVERY && (phaseChanged || done / LOG_EVERY != previous.done() / LOG_EVERY || done == total)) {
            LOG.info("batch {}: {} {}/{} resources ({}%)", batchId, phase.name().toLowerCase(java.util.Locale.ROOT),
                    done, total, total == 0 ? 100 : done * 100L / total);
        }
    }

    void finish(String batchId) {
        running.remove(batchId);
    }

    public Optional<Snapshot> of(String batchId) {
        return Optional.ofNullable(running.get(batchId));
    }

    public java.util.List<Snapshot> running() {
        return java.util.List.copyOf(running.values());
    }
}
