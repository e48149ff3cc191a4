package rhix.terminology.content;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * Until the TDB2 store provides {@link TerminologyResources}, the server holds its terminology in memory
 * (empty unless a test or the demo adds to it); the store's bean replaces this one.
 */
@Factory
public class InMemoryContentFactory {

    @Singleton
    @Requires(missingBeans = TerminologyResources.class)
    TerminologyResources inMemoryTerminology() {
        return new InMemoryTerminologyResources();
    }
}
