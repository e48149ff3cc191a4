package rhix.node.fhir;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;

/** The node store failed under a FHIR request: HAPI answers 500 with an OperationOutcome saying so. */
final class StoreUnavailableException extends InternalErrorException {

    StoreUnavailableException(java.sql.SQLException cause) {
        super("the node store could not answer: " + cause.getMessage(), cause);
    }
}
