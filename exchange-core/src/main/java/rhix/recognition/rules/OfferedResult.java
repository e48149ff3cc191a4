package rhix.recognition.rules;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A result another hospital holds, as offered for recognition after its local code was translated.
 *
 * @param sourceCode    the producing hospital's own code, named in the verdict when it has no mapping
 * @param item          the standard code it translates to; empty when the terminology server has no mapping
 * @param specimen      specimen type (HL7 v2 table 0487), when the result states one
 * @param method        method code, when the result states one
 * @param effectiveTime when the specimen was taken or the study done
 * @param producerTier  the producing laboratory's or department's quality tier
 */
public record OfferedResult(String sourceCode, Optional<ItemCode> item, Optional<String> specimen, Optional<String> method,
                            Instant effectiveTime, QualityTier producerTier) {

    public OfferedResult {
        Objects.requireNonNull(sourceCode, "sourceCode is null");
        Objects.requireNonNull(item, "item is null");
        Objects.requireNonNull(specimen, "specimen is null");
        Objects.requireNonNull(method, "method is null");
        Objects.requireNonNull(effectiveTime, "effectiveTime is null");
        Objects.requireNonNull(producerTier, "producerTier is null");
    }
}
