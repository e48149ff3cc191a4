package rhix.node.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * One R4 context per process: building it scans the whole model, so it is shared. Its parsers are
 * strict: an unknown element or a value of the wrong type in a FHIR write is a 400 naming where it
 * is, never silently dropped (the node keeps what the client sent, so it must understand all of it).
 * References that name a version on purpose keep it: an AuditEvent's entity and a Provenance's target
 * record exactly which version was touched (HAPI strips versions from references otherwise).
 */
@Factory
public class FhirContextFactory {

    @Singleton
    public FhirContext fhirContext() {
        FhirContext context = FhirContext.forR4Cached();
        context.setParserErrorHandler(new StrictErrorHandler());
        context.getParserOptions().setDontStripVersionsFromReferencesAtPaths("AuditEvent.entity.what", "Provenance.target");
        return context;
    }
}
