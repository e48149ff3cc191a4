package rhix.privacy.erasure;

import java.time.Instant;
import java.util.Objects;

/**
 * A person's data key was erased (全程留痕: the erasure leaves a trace of its own). Stored in the event store like
 * any other event, so it is chained and signed with the rest; it carries no personal value, only the pseudonymous
 * reference, so it may stay for good.
 *
 * <p>Not an aggregate's event: the node appends it as aggregate {@link #aggregateIdentifier(String)} at sequence 0,
 * so the store's unique key on (aggregate, sequence) records each person's erasure exactly once.
 */
public record PersonalDataErasedEvent(String personRef, Instant erasedAt, String erasedBy, String reason) {

    /** The aggregate type written with the event. */
    public static final String AGGREGATE_TYPE = "PersonalDataErasure";

    public PersonalDataErasedEvent {
        Objects.requireNonNull(personRef, "personRef is null");
        Objects.requireNonNull(erasedAt, "erasedAt is null");
        Objects.requireNonNull(erasedBy, "erasedBy is null");
        Objects.requireNonNull(reason, "reason is null");
    }

    public static PersonalDataErasedEvent of(PersonalDataErasure erasure) {
        return new PersonalDataErasedEvent(erasure.personRef(), erasure.erasedAt(), erasure.erasedBy(), erasure.reason());
    }

    /** Prefixed so a person reference never collides with an exchange's or a grant's aggregate id. */
    public static String aggregateIdentifier(String personRef) {
        return "person-data-erasure:" + personRef;
    }
}
