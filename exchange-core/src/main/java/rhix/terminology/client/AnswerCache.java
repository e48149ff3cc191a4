package rhix.terminology.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Answers by question, least recently used dropped first. An answer is fresh for a while (served without
 * asking), then stale: kept only to stand in when the server does not answer, until it is too old for that too.
 */
final class AnswerCache<K, V> {

    private record Stored<V>(V value, Instant storedAt) {
    }

    private final Clock clock;
    private final Duration freshFor;
    private final Duration keepStale;
    private final Map<K, Stored<V>> entries;

    AnswerCache(Clock clock, Duration freshFor, Duration keepStale, int maxEntries) {
        this.clock = clock;
        this.freshFor = freshFor;
        this.keepStale = keepStale;
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Stored<V>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    synchronized Optional<V> fresh(K key) {
        Stored<V> entry = entries.get(key);
        return entry != null && !clock.instant().isAfter(entry.storedAt().plus(freshFor))
                ? Optional.of(entry.value()) : Optional.empty();
    }

    /** An expired answer still young enough to stand in for the server. */
    synchronized Optional<V> stale(K key) {
        Stored<V> entry = entries.get(key);
        return entry != null && !clock.instant().isAfter(entry.storedAt().plus(freshFor).plus(keepStale))
                ? Optional.of(entry.value()) : Optional.empty();
    }

    synchronized void put(K key, V value) {
        entries.put(key, new Stored<>(value, clock.instant()));
    }

    synchronized int size() {
        return entries.size();
    }
}
