package rhix.terminology.client;

/**
 * A terminology answer and where it came from: the server just now, the cache while still fresh, or the
 * cache after the server failed to answer (stale, kept so that ingestion goes on while the server is briefly
 * down; callers say so in what they record).
 */
public record Answer<T>(T value, Source source) {

    public enum Source {
        SERVER,
        CACHE,
        STALE_CACHE
    }

    public boolean fromCache() {
        return source != Source.SERVER;
    }
}
