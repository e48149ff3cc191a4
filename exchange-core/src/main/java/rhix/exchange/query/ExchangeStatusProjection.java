package rhix.exchange.query;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import rhix.events.projection.ReadModelSql;
import rhix.exchange.api.ExchangeAuthorisedEvent;
import rhix.exchange.api.ExchangeCompletedEvent;
import rhix.exchange.api.ExchangeDeniedEvent;
import rhix.exchange.api.ExchangeExpiredEvent;
import rhix.exchange.api.ExchangeRequestedEvent;
import rhix.exchange.api.ProviderFailedEvent;
import rhix.exchange.api.ProviderReleasedEvent;
import rhix.region.NodeId;

/** Keeps {@code exchange_status}: one row per exchange, where it stands and which providers answered. */
@ProcessingGroup(ExchangeStatusProjection.PROCESSING_GROUP)
public final class ExchangeStatusProjection {

    public static final String PROCESSING_GROUP = "exchange-status";

    private final ReadModelSql sql;

    public ExchangeStatusProjection(ReadModelSql sql) {
        this.sql = sql;
    }

    @EventHandler
    void on(ExchangeRequestedEvent event, @Timestamp Instant at) {
        sql.update("INSERT INTO exchange_status (exchange_id, requesting_node, requester, purpose, enterprise_person_id, item_codes,"
                        + " deadline, state, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'REQUESTED', ?)",
                event.exchangeId(), event.requestingNode().value(), event.requester(), event.purpose(), event.enterprisePersonId(),
                String.join(",", event.itemCodes()), event.deadline(), at);
    }

    @EventHandler
    void on(ExchangeAuthorisedEvent event) {
        sql.update("UPDATE exchange_status SET state = 'AUTHORISED', providers = ? WHERE exchange_id = ?",
                joined(event.providers()), event.exchangeId());
    }

    @EventHandler
    void on(ExchangeDeniedEvent event, @Timestamp Instant at) {
        sql.update("UPDATE exchange_status SET state = 'DENIED', detail = ?, closed_at = ? WHERE exchange_id = ?",
                event.reason(), at, event.exchangeId());
    }

    @EventHandler
    void on(ProviderReleasedEvent event) {
        sql.update("UPDATE exchange_status SET released_providers = " + appended("released_providers")
                        + ", released_results = released_results + ? WHERE exchange_id = ?",
                event.providerNode().value(), event.providerNode().value(), event.resultCount(), event.exchangeId());
    }

    @EventHandler
    void on(ProviderFailedEvent event) {
        String failure = event.providerNode().value() + " (" + event.reason() + ", " + event.attempts() + " attempts)";
        sql.update("UPDATE exchange_status SET failed_providers = " + appended("failed_providers") + " WHERE exchange_id = ?",
                failure, failure, event.exchangeId());
    }

    @EventHandler
    void on(ExchangeCompletedEvent event, @Timestamp Instant at) {
        sql.update("UPDATE exchange_status SET state = ?, closed_at = ? WHERE exchange_id = ?", event.outcome(), at, event.exchangeId());
    }

    @EventHandler
    void on(ExchangeExpiredEvent event) {
        sql.update("UPDATE exchange_status SET state = 'EXPIRED', detail = ?, closed_at = ? WHERE exchange_id = ?",
                event.pendingProviders().isEmpty() ? null : "no answer from " + joined(event.pendingProviders()), event.at(), event.exchangeId());
    }

    /** The column with a value appended: takes the value twice, once for an empty column, once after the comma. */
    private static String appended(String column) {
        return "CASE WHEN " + column + " IS NULL THEN ? ELSE " + column + " || ',' || ? END";
    }

    private static String joined(List<NodeId> nodes) {
        return nodes.stream().map(NodeId::value).collect(Collectors.joining(","));
    }
}
