package rhix.recognition.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A clinician accepts a NOT_RECOGNISED result anyway, saying why; {@code clinician} is a principal id. */
public record OverrideRecognitionCommand(@TargetAggregateIdentifier String decisionId, String clinician, String reason) {
}
