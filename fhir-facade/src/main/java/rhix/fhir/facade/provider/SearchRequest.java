package rhix.fhir.facade.provider;

import java.util.List;
import rhix.fhir.facade.store.IncludeRequest;
import rhix.fhir.facade.store.SearchCriterion;
import rhix.fhir.facade.store.SortOrder;

/** A search in the store's terms: what must match, in which order, and what to return beside each page. */
record SearchRequest(List<SearchCriterion> criteria, List<SortOrder> order, List<IncludeRequest> includes) {

    SearchRequest {
        criteria = List.copyOf(criteria);
        order = List.copyOf(order);
        includes = List.copyOf(includes);
    }
}
