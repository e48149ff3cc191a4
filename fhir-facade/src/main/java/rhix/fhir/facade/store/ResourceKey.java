package rhix.fhir.facade.store;

/** A resource's type and logical id. */
public record ResourceKey(String resourceType, String resourceId) {

    @Override
    public String toString() {
        return resourceType + "/" + resourceId;
    }
}
