package rhix.fhir.facade.provider;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import rhix.fhir.facade.store.IncludeRequest;
import rhix.fhir.facade.store.ResourceRepository;
import rhix.fhir.facade.store.StoredResource;

/**
 * A search result that keeps only the matching ids and loads each page from the store when HAPI asks
 * for it, together with that page's {@code _include}/{@code _revinclude} resources, so a search over
 * many rows loads neither every match nor every included resource.
 */
final class SearchResults extends PagedResults {

    /** The most included resources one page returns per include, so one page cannot pull in a whole table. */
    static final int MAX_INCLUDED_PER_PAGE = 1_000;

    private final FhirContext fhirContext;
    private final ResourceRepository repository;
    private final String resourceType;
    private final List<String> ids;
    private final List<IncludeRequest> includes;

    private SearchResults(FhirContext fhirContext, ResourceRepository repository, String resourceType, List<String> ids,
                          List<IncludeRequest> includes) {
        this.fhirContext = fhirContext;
        this.repository = repository;
        this.resourceType = resourceType;
        this.ids = List.copyOf(ids);
        this.includes = List.copyOf(includes);
    }

    static IBundleProvider of(FhirContext fhirContext, ResourceRepository repository, String resourceType, List<String> ids,
                              List<IncludeRequest> includes) {
        return new SearchResults(fhirContext, repository, resourceType, ids, includes);
    }

    @Override
    public List<IBaseResource> getResources(int fromIndex, int toIndex) {
        List<String> page = ids.subList(Math.max(0, Math.min(ids.size(), fromIndex)), Math.min(ids.size(), toIndex));
        List<IBaseResource> resources = new ArrayList<>();
        Set<String> returned = new HashSet<>();
        for (StoredResource match : repository.readAll(resourceType, page)) {
            resources.add(withSearchMode(match, BundleEntrySearchModeEnum.MATCH));
            returned.add(match.resourceType() + "/" + match.resourceId());
        }
        if (page.isEmpty()) {
            return resources;
        }
        for (IncludeRequest include : includes) {
            for (StoredResource included : repository.readIncluded(include, resourceType, page, MAX_INCLUDED_PER_PAGE)) {
                if (returned.add(included.resourceType() + "/" + included.resourceId())) {
                    resources.add(withSearchMode(included, BundleEntrySearchModeEnum.INCLUDE));
                }
            }
        }
        return resources;
    }

    private IBaseResource withSearchMode(StoredResource stored, BundleEntrySearchModeEnum mode) {
        IBaseResource resource = StoredResources.toResource(fhirContext, stored);
        ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(resource, mode);
        return resource;
    }

    @Override
    public Integer size() {
        return ids.size();
    }
}
