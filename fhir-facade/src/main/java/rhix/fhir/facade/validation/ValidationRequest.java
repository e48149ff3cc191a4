package rhix.fhir.facade.validation;

import ca.uhn.fhir.rest.api.ValidationModeEnum;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * One resource to validate, as the client sent it to {@code [type]/$validate}.
 *
 * @param resource the resource (already unwrapped from a {@code Parameters} body), of the type the URL names
 * @param mode     {@code create} or {@code update} when the client named one; {@code delete} never reaches a validator
 * @param profile  the profile (canonical URL) the client asked to validate against, besides the base definition
 */
public record ValidationRequest(IBaseResource resource, Optional<ValidationModeEnum> mode, Optional<String> profile) {

    public ValidationRequest {
        Objects.requireNonNull(resource, "resource is null");
        Objects.requireNonNull(mode, "mode is null");
        Objects.requireNonNull(profile, "profile is null");
    }
}
