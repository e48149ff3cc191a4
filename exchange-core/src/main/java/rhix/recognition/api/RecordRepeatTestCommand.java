package rhix.recognition.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The test was ordered again, whatever the verdict; {@code reason} says why. */
public record RecordRepeatTestCommand(@TargetAggregateIdentifier String decisionId, String clinician, String reason) {
}
