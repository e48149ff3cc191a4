package rhix.privacy.erasure;

import java.time.Instant;
import java.util.Objects;

/**
 * The record of an erasure, for the caller to apply as an event (全程留痕: the erasure itself leaves a trace). It
 * holds no personal value, so it can stay in the event store for good.
 *
 * @param alreadyErased true when the person had been erased before: this call changed nothing and these are the
 *                      first erasure's who, when and why
 */
public record PersonalDataErasure(String personRef, Instant erasedAt, String erasedBy, String reason,
                                  boolean alreadyErased) {

    public PersonalDataErasure {
        Objects.requireNonNull(personRef, "personRef is null");
        Objects.requireNonNull(erasedAt, "erasedAt is null");
        Objects.requireNonNull(erasedBy, "erasedBy is null");
        Objects.requireNonNull(reason, "reason is null");
    }
}
