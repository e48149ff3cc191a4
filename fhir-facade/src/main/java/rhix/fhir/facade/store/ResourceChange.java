package rhix.fhir.facade.store;

import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * One change a FHIR write asks of the store. A transaction is a list of them, applied together or not
 * at all. Ids are already assigned: the facade gives a created resource its id before the store sees it.
 */
public sealed interface ResourceChange {

    String resourceType();

    String resourceId();

    /** Where the change came from, for error messages: {@code Patient} for a create, {@code Bundle.entry[3]} in a transaction. */
    String location();

    /**
     * A new resource. With {@code ifNoneExist}, the store first looks for a current resource of the type
     * with that identifier and, if there is one, keeps it instead of creating a second.
     */
    record Create(String location, IBaseResource resource, String resourceType, String resourceId,
                  IdentifierCondition ifNoneExist) implements ResourceChange {
    }

    /** A new version of a resource (or its first, when a client chooses the id); {@code ifMatchVersion} may be null. */
    record Update(String location, IBaseResource resource, String resourceType, String resourceId, Integer ifMatchVersion)
            implements ResourceChange {
    }

    record Delete(String location, String resourceType, String resourceId, Integer ifMatchVersion) implements ResourceChange {
    }

    /** {@code identifier=system|value}: the only condition conditional create takes here. A null system matches any. */
    record IdentifierCondition(String system, String value) {
    }
}
