package rhix.recognition.rules;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * When one item's result from another hospital is accepted instead of repeating the test.
 *
 * @param item        the standard code the rule is for
 * @param display     a short name used in verdict details, e.g. {@code HbA1c}
 * @param validForDays how long after the specimen was taken (or the study done) the result is recognised
 * @param specimens   accepted specimen types (HL7 v2 table 0487 codes, upper case); empty when the item has none (imaging)
 * @param methods     accepted method codes (upper case); empty means any method
 * @param minimumTier the lowest quality tier of the producing laboratory or department that is accepted
 * @param costCny     what repeating the test would cost, in yuan: the saving a recognition counts
 */
public record RecognitionRule(ItemCode item, String display, int validForDays, Set<String> specimens,
                              Set<String> methods, QualityTier minimumTier, BigDecimal costCny) {

    public RecognitionRule {
        Objects.requireNonNull(item, "item is null");
        Objects.requireNonNull(display, "display is null");
        Objects.requireNonNull(minimumTier, "minimumTier is null");
        Objects.requireNonNull(costCny, "costCny is null");
        specimens = Set.copyOf(specimens);
        methods = Set.copyOf(methods);
        if (validForDays <= 0) {
            throw new IllegalArgumentException(item + ": validForDays must be positive, was " + validForDays);
        }
        if (costCny.signum() < 0) {
            throw new IllegalArgumentException(item + ": costCny must not be negative, was " + costCny);
        }
        if (costCny.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException(item + ": costCny is in yuan with at most 2 decimals, was " + costCny);
        }
        // Yuan and fen, always two decimals, so that equal costs are equal records.
        costCny = costCny.setScale(2);
    }

    public Duration validity() {
        return Duration.ofDays(validForDays);
    }

    /** How verdict details name the item: {@code HbA1c (4548-4)}. */
    public String label() {
        return display + " (" + item.code() + ")";
    }
}
