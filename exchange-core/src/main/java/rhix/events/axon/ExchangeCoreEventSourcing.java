package rhix.events.axon;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.axonframework.config.Configurer;
import rhix.events.projection.ReadModelSql;
import rhix.exchange.command.Exchange;
import rhix.exchange.query.ExchangeStatusProjection;
import rhix.grant.command.DataUseApplication;
import rhix.grant.query.DataUseGrantProjection;
import rhix.recognition.command.RecognitionDecision;
import rhix.recognition.query.RecognitionDecisionProjection;

/** exchange-core's aggregates (exchanges, recognition decisions, data-use applications) and their read models. */
@Singleton
@Requires(property = EventSourcingFactory.ENABLED, value = "true")
public final class ExchangeCoreEventSourcing implements EventSourcingModule {

    @Override
    public void configure(Configurer configurer) {
        configurer.configureAggregate(Exchange.class)
                .configureAggregate(RecognitionDecision.class)
                .configureAggregate(DataUseApplication.class)
                .registerEventHandler(c -> new ExchangeStatusProjection(readModels(c)))
                .registerEventHandler(c -> new DataUseGrantProjection(readModels(c)))
                .registerEventHandler(c -> new RecognitionDecisionProjection(readModels(c)));
    }

    private static ReadModelSql readModels(org.axonframework.config.Configuration configuration) {
        return new ReadModelSql(configuration.getComponent(JdbcTransactions.class));
    }
}
