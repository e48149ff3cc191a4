package rhix.recognition.query;

import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import rhix.events.projection.ReadModelSql;
import rhix.recognition.api.RecognitionOverriddenEvent;
import rhix.recognition.api.RepeatTestOrderedEvent;
import rhix.recognition.api.ResultNotRecognisedEvent;
import rhix.recognition.api.ResultRecognisedEvent;

/**
 * Keeps {@code recognition_decision}: each verdict, its override and whether the test was repeated anyway,
 * from which {@link RecognitionSavings} counts the repeat tests avoided and their cost.
 */
@ProcessingGroup(RecognitionDecisionProjection.PROCESSING_GROUP)
public final class RecognitionDecisionProjection {

    public static final String PROCESSING_GROUP = "recognition-decisions";

    private final ReadModelSql sql;

    public RecognitionDecisionProjection(ReadModelSql sql) {
        this.sql = sql;
    }

    @EventHandler
    void on(ResultRecognisedEvent event, @Timestamp Instant at) {
        sql.update(INSERT, event.decisionId(), event.exchangeId(), event.requestingHospital().value(),
                event.resultReference().node().value(), event.resultReference().resourceId(), event.itemCode(), "RECOGNISED",
                null, null, event.estimatedCostAvoidedFen(), at);
    }

    @EventHandler
    void on(ResultNotRecognisedEvent event, @Timestamp Instant at) {
        sql.update(INSERT, event.decisionId(), event.exchangeId(), event.requestingHospital().value(),
                event.resultReference().node().value(), event.resultReference().resourceId(), event.itemCode(), "NOT_RECOGNISED",
                event.reason().name(), event.detail(), 0L, at);
    }

    @EventHandler
    void on(RecognitionOverriddenEvent event) {
        sql.update("UPDATE recognition_decision SET overridden = TRUE WHERE decision_id = ?", event.decisionId());
    }

    @EventHandler
    void on(RepeatTestOrderedEvent event) {
        sql.update("UPDATE recognition_decision SET repeat_ordered = TRUE WHERE decision_id = ?", event.decisionId());
    }

    private static final String INSERT = "INSERT INTO recognition_decision (decision_id, exchange_id, requesting_hospital, provider_node,"
            + " result_id, item_code, verdict, reason, detail, cost_avoided_fen, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
}
