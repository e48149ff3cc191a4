package rhix.node.ingest;

import org.hl7.fhir.instance.model.api.IBaseResource;
import rhix.node.store.ResourceKey;

/**
 * A parsed resource of a batch.
 *
 * @param location where it was in the payload, e.g. {@code line 17} or {@code Bundle.entry[3]}
 */
public record IncomingResource(String location, ResourceKey key, IBaseResource resource) {
}
