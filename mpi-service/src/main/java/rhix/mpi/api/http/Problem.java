package rhix.mpi.api.http;

import io.micronaut.serde.annotation.Serdeable;

/** An administration API error: what went wrong, in words, and the HTTP status it came with. */
@Serdeable
public record Problem(int status, String error, String message) {
}
