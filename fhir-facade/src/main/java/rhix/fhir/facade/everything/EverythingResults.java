package rhix.fhir.facade.everything;

import ca.uhn.fhir.context.FhirContext;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import rhix.fhir.facade.provider.PagedResults;
import rhix.fhir.facade.provider.StoredResources;
import rhix.fhir.facade.store.ResourceKey;
import rhix.fhir.facade.store.ResourceRepository;
import rhix.fhir.facade.store.StoredResource;

/** The keys of a patient's record, loaded a page at a time, one store query per resource type on the page. */
final class EverythingResults extends PagedResults {

    private final FhirContext fhirContext;
    private final ResourceRepository repository;
    private final List<ResourceKey> keys;

    EverythingResults(FhirContext fhirContext, ResourceRepository repository, List<ResourceKey> keys) {
        this.fhirContext = fhirContext;
        this.repository = repository;
        this.keys = List.copyOf(keys);
    }

    @Override
    public List<IBaseResource> getResources(int fromIndex, int toIndex) {
        List<ResourceKey> page = keys.subList(Math.max(0, fromIndex), Math.min(keys.size(), toIndex));
        Map<String, List<String>> idsByType = page.stream().collect(Collectors.groupingBy(ResourceKey::resourceType,
                LinkedHashMap::new, Collectors.mapping(ResourceKey::resourceId, Collectors.toList())));
        Map<ResourceKey, StoredResource> loaded = new HashMap<>();
        idsByType.forEach((type, ids) -> repository.readAll(type, ids)
                .forEach(stored -> loaded.put(new ResourceKey(stored.resourceType(), stored.resourceId()), stored)));
        return page.stream().map(loaded::get).filter(Objects::nonNull)
                .map(stored -> StoredResources.toResource(fhirContext, stored)).toList();
    }

    @Override
    public Integer size() {
        return keys.size();
    }
}
