package rhix.node.store;

import java.util.Objects;

/** A resource's identity in a node store: type and logical id, e.g. {@code Patient/h330102001-p000001}. */
public record ResourceKey(String resourceType, String resourceId) {

    public ResourceKey {
        Objects.requireNonNull(resourceType, "resourceType is null");
        Objects.requireNonNull(resourceId, "resourceId is null");
    }

    @Override
    public String toString() {
        return resourceType + "/" + resourceId;
    }
}
