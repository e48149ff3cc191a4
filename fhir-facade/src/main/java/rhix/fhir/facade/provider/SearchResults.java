package rhix.fhir.facade.provider;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.InstantType;
import rhix.fhir.facade.store.ResourceRepository;

/**
 * A search result that keeps only ids and loads each page from the store when HAPI asks for it,
 * so a search over many rows does not load every resource.
 */
final class SearchResults implements IBundleProvider {

    private final FhirContext fhirContext;
    private final ResourceRepository repository;
    private final String resourceType;
    private final List<String> ids;
    private final String uuid = UUID.randomUUID().toString();
    private final InstantType published = new InstantType(new Date());

    private SearchResults(FhirContext fhirContext, ResourceRepository repository, String resourceType, List<String> ids) {
        this.fhirContext = fhirContext;
        this.repository = repository;
        this.resourceType = resourceType;
        this.ids = List.copyOf(ids);
    }

    static IBundleProvider of(FhirContext fhirContext, ResourceRepository repository, String resourceType, List<String> ids) {
        return new SearchResults(fhirContext, repository, resourceType, ids);
    }

    @Override
    public IPrimitiveType<Date> getPublished() {
        return published;
    }

    @Override
    public List<IBaseResource> getResources(int fromIndex, int toIndex) {
        List<String> page = ids.subList(Math.max(0, fromIndex), Math.min(ids.size(), toIndex));
        return repository.readAll(resourceType, page).stream()
                .map(stored -> StoredResources.toResource(fhirContext, stored)).toList();
    }

    @Override
    public String getUuid() {
        return uuid;
    }

    @Override
    public Integer preferredPageSize() {
        return null;
    }

    @Override
    public Integer size() {
        return ids.size();
    }
}
