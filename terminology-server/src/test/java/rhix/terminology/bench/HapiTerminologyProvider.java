package rhix.terminology.bench;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * The baseline over HTTP: HAPI's own in-memory terminology behind a minimal plain-server provider,
 * {@code GET ValueSet/$validate-code?url=&system=&code=}, answering result, message and display as the FHIR
 * operation does.
 */
public final class HapiTerminologyProvider {

    private final HapiInMemoryTerminology terminology;

    HapiTerminologyProvider(HapiInMemoryTerminology terminology) {
        this.terminology = terminology;
    }

    @Operation(name = "$validate-code", type = ValueSet.class, idempotent = true)
    public Parameters validateCode(@OperationParam(name = "url") UriType url, @OperationParam(name = "system") UriType system,
                                   @OperationParam(name = "code") CodeType code) {
        if (url == null || system == null || code == null) {
            throw new InvalidRequestException("url, system and code are required");
        }
        IBaseResource valueSet = terminology.valueSet(url.getValue());
        if (valueSet == null) {
            throw new ResourceNotFoundException("ValueSet " + url.getValue());
        }
        IValidationSupport.CodeValidationResult result = terminology.validateCodeInValueSet(system.getValue(), code.getValue(), valueSet);
        Parameters parameters = new Parameters();
        parameters.addParameter("result", result != null && result.isOk());
        if (result != null && result.getMessage() != null) {
            parameters.addParameter("message", result.getMessage());
        }
        if (result != null && result.getDisplay() != null) {
            parameters.addParameter("display", result.getDisplay());
        }
        return parameters;
    }
}
