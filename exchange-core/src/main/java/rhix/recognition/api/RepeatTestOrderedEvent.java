package rhix.recognition.api;

/**
 * The test was repeated. "Repeat tests avoided" counts decisions that are RECOGNISED or overridden and have no
 * such event; a repeat after a RECOGNISED verdict is the figure quality reviews look at.
 */
public record RepeatTestOrderedEvent(String decisionId, String clinician, String reason) {
}
