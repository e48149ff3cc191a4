package rhix.recognition.api;

import rhix.region.NodeId;

/** The requesting hospital does not accept the result, for {@code reason}; {@code detail} says it for a clinician. */
public record ResultNotRecognisedEvent(
        String decisionId,
        String exchangeId,
        NodeId requestingHospital,
        String enterprisePersonId,
        ResultReference resultReference,
        String itemCode,
        NotRecognisedReason reason,
        String detail) {
}
