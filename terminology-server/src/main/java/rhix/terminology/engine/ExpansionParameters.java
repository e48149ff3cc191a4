package rhix.terminology.engine;

import org.hl7.fhir.r5.context.SimpleWorkerContext;
import org.hl7.fhir.r5.model.Parameters;
import org.hl7.fhir.utilities.Utilities;

/** Puts the request's version-pinning parameters where the core engine reads them: the context's expansion parameters. */
final class ExpansionParameters {

    private ExpansionParameters() {
    }

    static void apply(SimpleWorkerContext worker, Parameters request) {
        Parameters parameters = new Parameters();
        for (Parameters.ParametersParameterComponent parameter : request.getParameter()) {
            if (Utilities.existsInList(parameter.getName(), "default-valueset-version", "system-version", "force-system-version",
                    "default-system-version", "check-system-version", "includeAlternateCodes", "displayLanguage")) {
                parameters.addParameter(parameter.copy());
            }
        }
        worker.getManager().setExpansionParameters(parameters);
    }
}
