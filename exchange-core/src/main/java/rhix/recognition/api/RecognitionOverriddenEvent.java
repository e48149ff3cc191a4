package rhix.recognition.api;

/** A NOT_RECOGNISED result was accepted by a clinician: it counts as a repeat test avoided unless one is ordered. */
public record RecognitionOverriddenEvent(String decisionId, String clinician, String reason) {
}
