package rhix.node.fhir;

import ca.uhn.fhir.context.FhirContext;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** One R4 context per process: building it scans the whole model, so it is shared. */
@Factory
public class FhirContextFactory {

    @Singleton
    public FhirContext fhirContext() {
        return FhirContext.forR4Cached();
    }
}
