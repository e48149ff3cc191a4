package rhix.fhir.facade.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Validate;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.ValidationModeEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * {@code POST [type]/$validate} (and {@code [type]/[id]/$validate}, which HAPI's client uses for a resource with an
 * id; the id only names the resource sent, nothing stored is read) for one resource type, registered beside the type's stored-resource provider
 * (HAPI merges the methods of every provider of a type) only when the server has a {@link ResourceValidator}.
 * The body is the resource itself or a {@code Parameters} with {@code resource} (and {@code mode},
 * {@code profile}); the answer is an OperationOutcome with status 200 whatever the verdict. Nothing is written.
 * A body that is no resource of the type is a 400, before any validation.
 */
public final class ValidateOperationProvider implements IResourceProvider {

    /** Stable prefixes of this operation's refusals. */
    static final String WRONG_TYPE = "RHIX-VAL-001";
    static final String DELETE_MODE = "RHIX-VAL-002";
    static final String NO_RESOURCE = "RHIX-VAL-003";

    private final FhirContext fhirContext;
    private final Class<? extends IBaseResource> resourceClass;
    private final String resourceType;
    private final ResourceValidator validator;

    public ValidateOperationProvider(FhirContext fhirContext, Class<? extends IBaseResource> resourceClass, ResourceValidator validator) {
        this.fhirContext = Objects.requireNonNull(fhirContext, "fhirContext is null");
        this.resourceClass = Objects.requireNonNull(resourceClass, "resourceClass is null");
        this.resourceType = fhirContext.getResourceType(resourceClass);
        this.validator = Objects.requireNonNull(validator, "validator is null");
    }

    /** One provider per type the given providers serve. */
    public static List<IResourceProvider> forTypesOf(FhirContext fhirContext, List<? extends IResourceProvider> providers,
                                                     ResourceValidator validator) {
        return providers.stream().map(IResourceProvider::getResourceType).distinct()
                .<IResourceProvider>map(type -> new ValidateOperationProvider(fhirContext, type, validator)).toList();
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return resourceClass;
    }

    @Validate
    public MethodOutcome validate(@IdParam(optional = true) IIdType id, @ResourceParam IBaseResource resource,
                                  @Validate.Mode ValidationModeEnum mode,
                                  @Validate.Profile String profile) {
        if (resource == null) {
            throw new InvalidRequestException(NO_RESOURCE + ": $validate needs the resource to validate, as the body or as the "
                    + "'resource' parameter of a Parameters body");
        }
        String sent = fhirContext.getResourceType(resource);
        if (!resourceType.equals(sent)) {
            throw new InvalidRequestException(WRONG_TYPE + ": " + resourceType + "/$validate was sent a " + sent
                    + "; validate it at " + sent + "/$validate");
        }
        if (mode == ValidationModeEnum.DELETE) {
            throw new InvalidRequestException(DELETE_MODE + ": mode 'delete' is not supported: this server judges a resource's "
                    + "content (modes create and update), not whether a stored resource may be deleted");
        }
        OperationOutcome outcome = validator.validate(new ValidationRequest(resource, Optional.ofNullable(mode),
                Optional.ofNullable(profile).filter(text -> !text.isBlank())));
        if (outcome.getIssue().isEmpty()) {
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                    .setCode(OperationOutcome.IssueType.INFORMATIONAL).setDiagnostics("No issues found");
        }
        MethodOutcome result = new MethodOutcome();
        result.setOperationOutcome(outcome);
        return result;
    }
}
