package rhix.fhir.facade.provider;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import rhix.fhir.facade.audit.WrittenResources;
import rhix.fhir.facade.store.ResourceRepository;
import rhix.fhir.facade.store.SearchCriterion;
import rhix.fhir.facade.store.StoredResource;
import rhix.fhir.facade.write.ResourceWrites;
import rhix.fhir.facade.write.Writers;

/**
 * Read, vread, instance history, create (also conditional, by identifier), update and delete of one
 * resource type over the node's store; subclasses add the type's searches. Writes go through the
 * store's writer, which holds them to the same rules as ingestion. Searches are capped at {@link #MAX_MATCHES} matches (the Bundle says so in its total).
 */
public class StoredResourceProvider<T extends IBaseResource> implements IResourceProvider {

    static final int MAX_MATCHES = 10_000;

    protected final FhirContext fhirContext;
    protected final ResourceRepository repository;
    private final Class<T> resourceClass;
    private final String resourceType;
    private final ResourceWrites writes;

    public StoredResourceProvider(FhirContext fhirContext, ResourceRepository repository, Class<T> resourceClass) {
        this.fhirContext = fhirContext;
        this.repository = repository;
        this.resourceClass = resourceClass;
        this.resourceType = fhirContext.getResourceType(resourceClass);
        this.writes = new ResourceWrites(fhirContext, repository);
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

    @Create
    public MethodOutcome create(@ResourceParam T resource, @ConditionalUrlParam String conditionalUrl, RequestDetails request) {
        return withStoredResource(writes.create(resource, conditionalUrl, Writers.of(request)), request);
    }

    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam T resource, RequestDetails request) {
        return withStoredResource(writes.update(id, resource, request.getHeader("If-Match"), Writers.of(request)), request);
    }

    @Delete
    public MethodOutcome delete(@IdParam IdType id, RequestDetails request) {
        MethodOutcome outcome = writes.delete(id, request.getHeader("If-Match"), Writers.of(request));
        WrittenResources.note(request, outcome.getId());
        return outcome;
    }

    /**
     * HAPI returns the resource unless the client asked for {@code Prefer: return=minimal}; the audit
     * hears which version the write made.
     */
    private MethodOutcome withStoredResource(MethodOutcome outcome, RequestDetails request) {
        IdType id = (IdType) outcome.getId();
        WrittenResources.note(request, id);
        repository.readVersion(resourceType, id.getIdPart(), id.getVersionIdPartAsLong().intValue())
                .ifPresent(stored -> outcome.setResource(StoredResources.toResource(fhirContext, stored)));
        return outcome;
    }

    protected IBundleProvider search(List<SearchCriterion> criteria) {
        return search(new SearchRequest(criteria, List.of(), List.of()));
    }

    /** A new search of this provider's type, to fill from the typed parameters of its {@code @Search} method. */
    SearchCriteria searchCriteria() {
        return new SearchCriteria(resourceType);
    }

    IBundleProvider search(SearchCriteria criteria) {
        return search(criteria.build());
    }

    private IBundleProvider search(SearchRequest request) {
        List<String> ids = repository.search(resourceType, request.criteria(), request.order(), MAX_MATCHES);
        return SearchResults.of(fhirContext, repository, resourceType, ids, request.includes());
    }
}
