package rhix.node.ingest;

import java.util.Locale;
import java.util.Optional;

/**
 * What a producer sends: a FHIR Bundle (JSON or XML) or NDJSON, one resource per line; or a write
 * through the node's FHIR API (create, update, delete, transaction), which the ledger records too.
 */
public enum PayloadFormat {
    NDJSON,
    BUNDLE_JSON,
    BUNDLE_XML,
    /** not a payload format of the ingestion endpoint: never chosen from a Content-Type */
    FHIR_REST;

    /** The format a Content-Type names, ignoring parameters such as charset. */
    public static Optional<PayloadFormat> fromContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String mediaType = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        return switch (mediaType) {
            case "application/fhir+ndjson", "application/x-ndjson", "application/ndjson" -> Optional.of(NDJSON);
            case "application/fhir+json", "application/json", "application/json+fhir" -> Optional.of(BUNDLE_JSON);
            case "application/fhir+xml", "application/xml", "application/xml+fhir" -> Optional.of(BUNDLE_XML);
            default -> Optional.empty();
        };
    }
}
