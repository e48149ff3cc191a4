package rhix.fhir.facade.security;

import java.util.Objects;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * A type-level operation that answers questions about many resources of its type, such as
 * {@code Patient/$match}: a token may call it when a {@code user/} or {@code system/} scope lets it search
 * the type. {@code patient/} scopes do not reach it, since its answer is about people other than the
 * token's patient.
 *
 * @param name the operation's name with its {@code $}, e.g. {@code $ihe-pix}
 */
public record TypeOperation(String name, Class<? extends IBaseResource> type) {

    public TypeOperation {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
        if (!name.startsWith("$")) {
            throw new IllegalArgumentException("an operation name starts with $: " + name);
        }
    }
}
