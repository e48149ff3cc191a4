package rhix.privacy.erasure;

import java.time.Instant;
import java.util.Objects;

/** What opening a {@link SealedPersonalData} gives: the value, or the fact that the person's data was erased. */
public sealed interface OpenedPersonalData {

    record Readable(String value) implements OpenedPersonalData {
        public Readable {
            Objects.requireNonNull(value, "value is null");
        }

        /** Keeps a personal value out of logs and assertion messages. */
        @Override
        public String toString() {
            return "Readable[" + value.length() + " characters]";
        }
    }

    /** The person's key is gone: the value can never be read again, here or from any copy of the events. */
    record Erased(String personRef, Instant erasedAt) implements OpenedPersonalData {
        public Erased {
            Objects.requireNonNull(personRef, "personRef is null");
            Objects.requireNonNull(erasedAt, "erasedAt is null");
        }
    }
}
