package rhix.fhir.facade.provider;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import rhix.fhir.facade.store.ResourceRepository;
import rhix.fhir.facade.store.SearchCriterion;
import rhix.fhir.facade.store.StoredResource;

/**
 * Read, vread and instance history of one resource type over the node's store; subclasses add the
 * type's searches. Searches are capped at {@link #MAX_MATCHES} matches (the Bundle says so in its total).
 */
public class StoredResourceProvider<T extends IBaseResource> implements IResourceProvider {

    static final int MAX_MATCHES = 10_000;

    protected final FhirContext fhirContext;
    protected final ResourceRepository repository;
    private final Class<T> resourceClass;
    private final String resourceType;

    public StoredResourceProvider(FhirContext fhirContext, ResourceRepository repository, Class<T> resourceClass) {
        this.fhirContext = fhirContext;
        this.repository = repository;
        this.resourceClass = resourceClass;
        this.resourceType = fhirContext.getResourceType(resourceClass);
    }

    @Override
    public Class<T> getResourceType() {
        return resourceClass;
    }

    @Read(version = true)
    public IBaseResource read(@IdParam IdType id) {
        if (id.hasVersionIdPart()) {
            if (!id.isVersionIdPartValidLong()) {
                throw new InvalidRequestException("version '" + id.getVersionIdPart() + "' is not a number");
            }
            StoredResource version = repository.readVersion(resourceType, id.getIdPart(), id.getVersionIdPartAsLong().intValue())
                    .orElseThrow(() -> new ResourceNotFoundException(id));
            return StoredResources.toResource(fhirContext, version);
        }
        StoredResource current = repository.read(resourceType, id.getIdPart()).orElseThrow(() -> new ResourceNotFoundException(id));
        if (current.deleted()) {
            throw new ResourceGoneException(id.withVersion(Integer.toString(current.versionId())));
        }
        return StoredResources.toResource(fhirContext, current);
    }

    @History
    public IBundleProvider history(@IdParam IdType id) {
        List<StoredResource> versions = repository.history(resourceType, id.getIdPart());
        if (versions.isEmpty()) {
            throw new ResourceNotFoundException(id);
        }
        return new SimpleBundleProvider(versions.stream().map(version -> StoredResources.toHistoryEntry(fhirContext, version)).toList());
    }

    protected IBundleProvider search(List<SearchCriterion> criteria) {
        return SearchResults.of(fhirContext, repository, resourceType, repository.search(resourceType, criteria, MAX_MATCHES));
    }
}
