package rhix.node.audit;

import ca.uhn.fhir.model.valueset.BundleTypeEnum;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.StringType;
import rhix.fhir.facade.security.TypeOperation;
import rhix.node.NodeConfiguration;

/**
 * {@code GET [base]/AuditEvent/$event-trail}: the node's event store (exchanges, data-use grants, recognition
 * decisions, erasures) as AuditEvent resources, newest first, paged like a search. A read-only view computed from
 * {@code domainevententry} on each request ({@link EventTrailAuditEvents} says how an event maps).
 *
 * <p>An operation rather than more rows in {@code AuditEvent?…}: the stored AuditEvents of FHIR access keep their
 * read, history, search parameters and paging untouched, and a consumer asks for the event trail by name instead of
 * getting two kinds of record mixed in one result. The view's resources carry {@code meta.source = #event-store}.
 *
 * <p>Parameters: {@code _id} ({@code evt-<globalIndex>}), {@code date} (repeatable, with {@code ge}/{@code gt}/
 * {@code le}/{@code lt}/{@code eq} prefixes, on the event's timestamp), {@code entity-id} (an aggregate id: an
 * exchange, an application, {@code person-data-erasure:<personRef>}), and {@code _count}.
 */
@Singleton
public class EventTrailOperation {

    public static final String NAME = "$event-trail";
    /** What the SMART authorization lets through: a token that may search AuditEvent may ask for the trail. */
    public static final TypeOperation TYPE_OPERATION = new TypeOperation(NAME, AuditEvent.class);

    private final EventTrailRepository repository;
    private final EventTrailAuditEvents auditEvents;

    public EventTrailOperation(EventTrailRepository repository, NodeConfiguration node) {
        this.repository = repository;
        this.auditEvents = new EventTrailAuditEvents(node.id());
    }

    @Operation(name = NAME, idempotent = true, type = AuditEvent.class, bundleType = BundleTypeEnum.SEARCHSET)
    public IBundleProvider eventTrail(@OperationParam(name = "_id", max = 1) StringType id,
                                      @OperationParam(name = "date", max = OperationParam.MAX_UNLIMITED) List<DateParam> dates,
                                      @OperationParam(name = "entity-id", max = 1) StringType entityId) {
        Instant from = null;
        Instant to = null;
        for (DateParam date : dates == null ? List.<DateParam>of() : dates) {
            if (date == null || date.isEmpty()) {
                continue;
            }
            ParamPrefixEnum prefix = date.getPrefix() == null ? ParamPrefixEnum.EQUAL : date.getPrefix();
            Instant lower = date.getPrecision().add(date.getValue(), 0).toInstant();
            Instant upper = date.getPrecision().add(date.getValue(), 1).toInstant().minusMillis(1);
            switch (prefix) {
                case GREATERTHAN_OR_EQUALS -> from = later(from, lower);
                case GREATERTHAN, STARTS_AFTER -> from = later(from, upper.plusMillis(1));
                case LESSTHAN_OR_EQUALS -> to = earlier(to, upper);
                case LESSTHAN, ENDS_BEFORE -> to = earlier(to, lower.minusMillis(1));
                case EQUAL -> {
                    from = later(from, lower);
                    to = earlier(to, upper);
                }
                default -> throw new InvalidRequestException("date: the prefix '" + prefix.getValue()
                        + "' is not supported here; use ge, gt, le, lt or eq");
            }
        }
        EventTrailQuery query = new EventTrailQuery(globalIndex(id), from, to, text(entityId), null);
        try {
            EventTrailQuery fixed = query.upTo(repository.newestGlobalIndex());
            return new EventTrailResults(repository, auditEvents, fixed, repository.count(fixed));
        } catch (SQLException e) {
            throw new InternalErrorException("the event store could not be read: " + e.getMessage(), e);
        }
    }

    private static Long globalIndex(StringType id) {
        String value = text(id);
        if (value == null) {
            return null;
        }
        String number = value.startsWith(EventTrailAuditEvents.ID_PREFIX) ? value.substring(EventTrailAuditEvents.ID_PREFIX.length()) : "";
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("_id: '" + value + "' is not an event-trail id; they read evt-<globalIndex>, e.g. evt-42");
        }
    }

    private static String text(StringType value) {
        return value == null || value.isEmpty() || value.getValue().isBlank() ? null : value.getValue().strip();
    }

    private static Instant later(Instant current, Instant candidate) {
        return current == null || candidate.isAfter(current) ? candidate : current;
    }

    private static Instant earlier(Instant current, Instant candidate) {
        return current == null || candidate.isBefore(current) ? candidate : current;
    }
}
