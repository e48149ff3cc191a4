package rhix.recognition.command;

import static rhix.events.CommandArguments.requireFreeText;
import static rhix.events.CommandArguments.requirePresent;

import rhix.recognition.api.RecordRecognitionCommand;
import rhix.recognition.api.Verdict;

/** The fields each verdict must carry, and those it must not: a verdict with both a cost and a reason is a bug upstream. */
final class VerdictShape {

    private VerdictShape() {
    }

    static void check(RecordRecognitionCommand command) {
        if (command.verdict() == Verdict.RECOGNISED) {
            if (command.reason() != null || command.detail() != null) {
                throw new IllegalArgumentException("a RECOGNISED verdict has no reason or detail; they explain a NOT_RECOGNISED one");
            }
            if (command.estimatedCostAvoidedFen() < 0) {
                throw new IllegalArgumentException(
                        "estimatedCostAvoidedFen must not be negative, was " + command.estimatedCostAvoidedFen());
            }
        } else {
            requirePresent(command.reason(), "reason");
            requireFreeText(command.detail(), "detail");
            if (command.estimatedCostAvoidedFen() != 0) {
                throw new IllegalArgumentException("a NOT_RECOGNISED verdict avoids no cost, but estimatedCostAvoidedFen was "
                        + command.estimatedCostAvoidedFen());
            }
        }
    }
}
