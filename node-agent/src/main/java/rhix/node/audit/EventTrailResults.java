package rhix.node.audit;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import java.sql.SQLException;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import rhix.fhir.facade.provider.PagedResults;

/** One event-trail search, newest first, loaded a page at a time: one store query per page, never the whole trail. */
final class EventTrailResults extends PagedResults {

    private final EventTrailRepository repository;
    private final EventTrailAuditEvents auditEvents;
    private final EventTrailQuery query;
    private final int size;

    EventTrailResults(EventTrailRepository repository, EventTrailAuditEvents auditEvents, EventTrailQuery query, int size) {
        this.repository = repository;
        this.auditEvents = auditEvents;
        this.query = query;
        this.size = size;
    }

    @Override
    public List<IBaseResource> getResources(int fromIndex, int toIndex) {
        int from = Math.max(0, fromIndex);
        int to = Math.min(size, toIndex);
        if (to <= from) {
            return List.of();
        }
        try {
            return repository.page(query, from, to - from).stream().<IBaseResource>map(auditEvents::toAuditEvent).toList();
        } catch (SQLException e) {
            throw new InternalErrorException("the event store could not be read: " + e.getMessage(), e);
        }
    }

    @Override
    public Integer size() {
        return size;
    }
}
