package rhix.grant.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import rhix.events.axon.EventJson;
import rhix.events.projection.ReadModelSql;
import rhix.grant.api.DataUseApplicationRejectedEvent;
import rhix.grant.api.DataUseApplicationSubmittedEvent;
import rhix.grant.api.DataUseGrantExpiredEvent;
import rhix.grant.api.DataUseGrantRevokedEvent;
import rhix.grant.api.DataUseGrantedEvent;
import rhix.grant.api.ReviewStepApprovedEvent;
import rhix.grant.api.RowScope;
import rhix.grant.api.ViewScope;

/**
 * Keeps {@code data_use_grant}: each application with its state, and once granted, exactly the views,
 * columns, de-identification and row scope approved, with the validity. This is the table the federated
 * query reads to enforce grants; a revoked or expired grant shows it at once.
 */
@ProcessingGroup(DataUseGrantProjection.PROCESSING_GROUP)
public final class DataUseGrantProjection {

    public static final String PROCESSING_GROUP = "data-use-grants";
    private static final ObjectMapper JSON = EventJson.objectMapper();

    private final ReadModelSql sql;

    public DataUseGrantProjection(ReadModelSql sql) {
        this.sql = sql;
    }

    @EventHandler
    void on(DataUseApplicationSubmittedEvent event, @Timestamp Instant at) {
        sql.update("INSERT INTO data_use_grant (grant_id, applicant, organisation, purpose, kind, views, row_filter, division_codes,"
                        + " state, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'UNDER_REVIEW', ?)",
                event.applicationId(), event.applicant(), event.organisation(), event.purpose(), event.kind(), json(event.views()),
                filter(event.rowScope()), divisions(event.rowScope()), at);
    }

    @EventHandler
    void on(ReviewStepApprovedEvent event) {
        sql.update("UPDATE data_use_grant SET approved_steps = COALESCE(approved_steps || ',', '') || ? WHERE grant_id = ?",
                event.step().name(), event.applicationId());
    }

    @EventHandler
    void on(DataUseApplicationRejectedEvent event, @Timestamp Instant at) {
        sql.update("UPDATE data_use_grant SET state = 'REJECTED', closed_at = ?, closed_by = ?, close_reason = ? WHERE grant_id = ?",
                at, event.reviewer(), event.step() + ": " + event.reason(), event.applicationId());
    }

    @EventHandler
    void on(DataUseGrantedEvent event) {
        sql.update("UPDATE data_use_grant SET state = 'GRANTED', views = ?, row_filter = ?, division_codes = ?, valid_from = ?,"
                        + " valid_until = ? WHERE grant_id = ?",
                json(event.views()), filter(event.rowScope()), divisions(event.rowScope()), event.validFrom(), event.validUntil(),
                event.grantId());
    }

    @EventHandler
    void on(DataUseGrantRevokedEvent event, @Timestamp Instant at) {
        sql.update("UPDATE data_use_grant SET state = 'REVOKED', closed_at = ?, closed_by = ?, close_reason = ? WHERE grant_id = ?",
                at, event.by(), event.reason(), event.grantId());
    }

    @EventHandler
    void on(DataUseGrantExpiredEvent event) {
        sql.update("UPDATE data_use_grant SET state = 'EXPIRED', closed_at = ? WHERE grant_id = ?", event.expiredAt(), event.grantId());
    }

    private static String json(List<ViewScope> views) {
        try {
            return JSON.writeValueAsString(views);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a grant's views as JSON: " + e.getMessage(), e);
        }
    }

    private static String filter(RowScope scope) {
        return scope == null ? null : scope.filter();
    }

    private static String divisions(RowScope scope) {
        return scope == null || scope.divisionCodes() == null ? null : String.join(",", scope.divisionCodes());
    }
}
