package rhix.node.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * One R4 context per process: building it scans the whole model, so it is shared. Its parsers are
 * strict: an unknown element or a value of the wrong type in a FHIR write is a 400 naming where it
 * is, never silently dropped (the node keeps what the client sent, so it must understand all of it).
 */
@Factory
public class FhirContextFactory {

    @Singleton
    public FhirContext fhirContext() {
        FhirContext context = FhirContext.forR4Cached();
        context.setParserErrorHandler(new StrictErrorHandler());
        return context;
    }
}
