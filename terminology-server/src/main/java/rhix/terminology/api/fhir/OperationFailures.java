package rhix.terminology.api.fhir;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.convertors.factory.VersionConvertorFactory_40_50;
import rhix.terminology.engine.TerminologyFailure;

/** The engine's failures as HAPI exceptions carrying the OperationOutcome, so HAPI answers with it and the right status. */
final class OperationFailures {

    private OperationFailures() {
    }

    static BaseServerResponseException toHttp(TerminologyFailure failure) {
        BaseServerResponseException exception = BaseServerResponseException.newInstance(failure.httpStatus(), failure.getMessage());
        exception.setOperationOutcome((org.hl7.fhir.r4.model.OperationOutcome) VersionConvertorFactory_40_50.convertResource(failure.outcome()));
        return exception;
    }
}
