package rhix.recognition.rules;

import rhix.recognition.api.NotRecognisedReason;
import java.math.BigDecimal;
import java.util.Objects;

/** The outcome of judging an offered result: recognised, saving a repeat test, or not, with why. */
public sealed interface Verdict {

    /** Accepted instead of repeating the test; {@code costAvoided} is the rule's cost of the test in yuan. */
    record Recognised(RecognitionRule rule, BigDecimal costAvoided) implements Verdict {
        public Recognised {
            Objects.requireNonNull(rule, "rule is null");
            Objects.requireNonNull(costAvoided, "costAvoided is null");
        }
    }

    /** Not accepted: the first failed check and a sentence a clinician can act on. */
    record NotRecognised(NotRecognisedReason reason, String detail) implements Verdict {
        public NotRecognised {
            Objects.requireNonNull(reason, "reason is null");
            Objects.requireNonNull(detail, "detail is null");
        }
    }
}
