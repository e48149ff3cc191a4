package rhix.terminology.store;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code rhix.terminology.store.*}: where the TDB2 database lives and what is loaded at start.
 *
 * @param path                the TDB2 directory (default data/terminology); empty → an in-memory TDB2 dataset
 * @param loadShippedContent  load the content shipped in the jar at start, versions already held skipped (default true)
 * @param conceptMapFolder    a folder of hospital ConceptMap JSON files (the generator's conceptmaps/) to load at start; unset: none
 */
@ConfigurationProperties("rhix.terminology.store")
public record StoreConfiguration(@Bindable(defaultValue = "data/terminology") String path,
                                 @Bindable(defaultValue = "true") boolean loadShippedContent,
                                 @Nullable String conceptMapFolder) {
}
