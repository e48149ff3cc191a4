package rhix.recognition.api;

import rhix.region.NodeId;

/**
 * The requesting hospital accepts the result; the test need not be repeated. {@code estimatedCostAvoidedFen} is
 * in fen (分, 0.01 CNY): a whole number, so sums over a region are exact and a JSON round trip cannot change
 * its scale, as it could a BigDecimal's (12.50 and 12.5 are not equal).
 */
public record ResultRecognisedEvent(
        String decisionId,
        String exchangeId,
        NodeId requestingHospital,
        String enterprisePersonId,
        ResultReference resultReference,
        String itemCode,
        long estimatedCostAvoidedFen) {
}
