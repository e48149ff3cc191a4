package rhix.terminology.store;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.terminology.content.TerminologyResources;
import rhix.terminology.load.FhirJsonLoader;
import rhix.terminology.load.LoadPolicy;
import rhix.terminology.load.ShippedContent;

/**
 * Opens the TDB2 store from {@link StoreConfiguration}, loads the shipped content (and the configured
 * concept map folder) into it once, and offers it as {@link TerminologyResources}.
 */
@Factory
public class TerminologyStoreFactory {

    private static final Logger LOG = LoggerFactory.getLogger(TerminologyStoreFactory.class);

    @Singleton
    @Bean(preDestroy = "close")
    TerminologyStore terminologyStore(StoreConfiguration configuration) {
        String path = configuration.path();
        TerminologyStore store = TerminologyStore.open(path == null || path.isBlank() ? null : Path.of(path));
        if (configuration.loadShippedContent()) {
            ShippedContent.load(store, (done, total) -> LOG.debug("shipped content: {} of {} files", done, total));
        }
        if (configuration.conceptMapFolder() != null && !configuration.conceptMapFolder().isBlank()) {
            Path folder = Path.of(configuration.conceptMapFolder());
            if (Files.isDirectory(folder)) {
                new FhirJsonLoader(store, LoadPolicy.SKIP_IF_HELD).loadFolder(folder,
                        (done, total) -> LOG.info("concept maps: {} of {} files", done, total));
            } else {
                LOG.warn("rhix.terminology.store.concept-map-folder {} is not a folder; no hospital concept maps loaded", folder);
            }
        }
        return store;
    }

    @Singleton
    TdbTerminologyResources terminologyResources(TerminologyStore store) {
        return new TdbTerminologyResources(store);
    }
}
