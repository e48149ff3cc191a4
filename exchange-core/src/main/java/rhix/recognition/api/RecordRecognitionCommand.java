package rhix.recognition.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import rhix.region.NodeId;

/**
 * The verdict on one result offered to a requesting hospital in an exchange. A RECOGNISED verdict carries the
 * estimated cost of the test avoided, in fen (分, 0.01 CNY), and no reason or detail; a NOT_RECOGNISED one
 * carries a reason and a detail a clinician can read, and no cost. The factories build the two shapes.
 */
public record RecordRecognitionCommand(
        @TargetAggregateIdentifier String decisionId,
        String exchangeId,
        NodeId requestingHospital,
        String enterprisePersonId,
        ResultReference resultReference,
        String itemCode,
        Verdict verdict,
        NotRecognisedReason reason,
        String detail,
        long estimatedCostAvoidedFen) {

    public static RecordRecognitionCommand recognised(String decisionId, String exchangeId, NodeId requestingHospital,
            String enterprisePersonId, ResultReference resultReference, String itemCode, long estimatedCostAvoidedFen) {
        return new RecordRecognitionCommand(decisionId, exchangeId, requestingHospital, enterprisePersonId,
                resultReference, itemCode, Verdict.RECOGNISED, null, null, estimatedCostAvoidedFen);
    }

    public static RecordRecognitionCommand notRecognised(String decisionId, String exchangeId, NodeId requestingHospital,
            String enterprisePersonId, ResultReference resultReference, String itemCode, NotRecognisedReason reason,
            String detail) {
        return new RecordRecognitionCommand(decisionId, exchangeId, requestingHospital, enterprisePersonId,
                resultReference, itemCode, Verdict.NOT_RECOGNISED, reason, detail, 0);
    }
}
