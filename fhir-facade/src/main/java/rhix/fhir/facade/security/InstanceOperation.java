package rhix.fhir.facade.security;

import java.util.Objects;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * An instance-level operation whose answer is not read from the server's store but assembled elsewhere (e.g.
 * {@code Patient/[id]/$recognizable-results}, results fetched from other nodes): a token may call it when a
 * {@code user/} or {@code system/} scope lets it search {@code answeredType}, the type of the resources it answers
 * with. Its answer is not checked resource by resource (they are not this server's resources, so compartment
 * rules cannot judge them); the operation itself must enforce anything else (such as the purpose of use).
 *
 * @param name the operation's name with its {@code $}
 */
public record InstanceOperation(String name, Class<? extends IBaseResource> type, String answeredType) {

    public InstanceOperation {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(answeredType, "answeredType is null");
        if (!name.startsWith("$")) {
            throw new IllegalArgumentException("an operation name starts with $: " + name);
        }
    }
}
