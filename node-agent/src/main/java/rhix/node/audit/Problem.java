package rhix.node.audit;

import io.micronaut.serde.annotation.Serdeable;

/** The body of a refused audit or erasure request: one sentence saying what is wrong. */
@Serdeable
public record Problem(String message) {
}
