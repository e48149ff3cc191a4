package rhix.node.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Wall time per ingestion phase of one batch, for the log and the trace: where a slow load spends it. */
final class PhaseTimings {

    private final Map<String, Long> nanosByPhase = new LinkedHashMap<>();
    private long phaseStarted = System.nanoTime();

    /** Ends the phase running since the previous call (or construction) under {@code name}. */
    void lap(String name) {
        long now = System.nanoTime();
        nanosByPhase.merge(name, now - phaseStarted, Long::sum);
        phaseStarted = now;
    }

    Map<String, Long> millis() {
        Map<String, Long> millis = new LinkedHashMap<>();
        nanosByPhase.forEach((phase, nanos) -> millis.put(phase, nanos / 1_000_000));
        return millis;
    }

    @Override
    public String toString() {
        return millis().entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue() + " ms")
                .collect(Collectors.joining(", "));
    }
}
