package rhix.fhir.facade.store;

import java.util.List;

/**
 * Writes through the node's front-end processor: the same checks, ledger, identity extraction and
 * quality rules as a producer's batch, so data that arrives over the FHIR API is held to the same rules.
 */
public interface ResourceWriter {

    /**
     * Applies every change in one store transaction, or none of them.
     *
     * @param writer who writes: the authenticated client, recorded as the producer of the new versions
     */
    WriteResult apply(List<ResourceChange> changes, String writer);
}
