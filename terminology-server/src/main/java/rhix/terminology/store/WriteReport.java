package rhix.terminology.store;

import java.time.Duration;

/** What one write transaction stored: the version, its triples, and how long it took to commit. */
public record WriteReport(ResourceKey key, long triples, Duration elapsed) {

    public double triplesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds == 0 ? Double.NaN : triples / seconds;
    }
}
