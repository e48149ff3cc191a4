package rhix.fhir.facade.store;

import java.util.List;
import java.util.Optional;

/**
 * What the facade needs from a node's store: reads, searches and (through {@link ResourceWriter})
 * writes. The node implements it over its own database, so the facade never sees SQL and the store
 * never sees HTTP.
 */
public interface ResourceRepository extends ResourceWriter {

    /** The current version, deleted or not; empty when the resource never existed. */
    Optional<StoredResource> read(String resourceType, String resourceId);

    Optional<StoredResource> readVersion(String resourceType, String resourceId, int versionId);

    /** Every version, newest first. */
    List<StoredResource> history(String resourceType, String resourceId);

    /**
     * Ids of the current, non-deleted resources matching every criterion, in the given order (ties, and
     * an empty order, by id, so pages are stable), at most {@code limit}.
     */
    List<String> search(String resourceType, List<SearchCriterion> criteria, List<SortOrder> order, int limit);

    /** Ids of the current, non-deleted resources matching every criterion, by id, at most {@code limit}. */
    default List<String> search(String resourceType, List<SearchCriterion> criteria, int limit) {
        return search(resourceType, criteria, List.of(), limit);
    }

    /**
     * The patient's record for {@code Patient/$everything}: the Patient, then every current resource that
     * refers to it as {@code patient} or {@code subject}, then the resources those refer to of the
     * {@code referencedTypes} (practitioners, organizations…), each once, at most {@code limit} in all.
     *
     * @param types when not empty, only resources of these types
     */
    List<ResourceKey> everything(String patientId, java.util.Set<String> types, java.util.Set<String> referencedTypes, int limit);

    /** Current versions of the given ids, in the given order (ids that vanished meanwhile are skipped). */
    List<StoredResource> readAll(String resourceType, List<String> resourceIds);

    /**
     * Current versions of the resources the include reaches from the given resources of one type (at most
     * {@code limit}), read through the reference index.
     */
    List<StoredResource> readIncluded(IncludeRequest include, String resourceType, List<String> resourceIds, int limit);
}
