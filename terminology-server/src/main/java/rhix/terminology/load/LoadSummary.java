package rhix.terminology.load;

import java.time.Duration;
import java.util.List;
import rhix.terminology.store.ResourceKey;
import rhix.terminology.store.WriteReport;

/** What a load stored and what it skipped as already held; triples/s over the whole load, parsing included. */
public record LoadSummary(List<WriteReport> written, List<ResourceKey> skipped, Duration elapsed) {

    public LoadSummary {
        written = List.copyOf(written);
        skipped = List.copyOf(skipped);
    }

    public long triples() {
        return written.stream().mapToLong(WriteReport::triples).sum();
    }

    public double triplesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds == 0 ? Double.NaN : triples() / seconds;
    }
}
