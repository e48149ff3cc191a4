package rhix.terminology.store;

import java.time.Instant;

/** A resource version the store holds, with when it was loaded and how many triples its graph has. */
public record HeldResource(ResourceKey key, Instant loadedAt) {
}
