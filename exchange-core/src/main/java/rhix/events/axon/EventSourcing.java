package rhix.events.axon;

import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.SimpleDeadlineManager;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon 4 configured by hand, as DESIGN.md decides (no Spring, no Axon Server): the JDBC event storage engine
 * over the service's database, tracking event processors whose tokens sit in the same database (so a
 * projection's rows and its token commit together), a JDBC saga store, JSON serialisation, and the
 * features' {@link EventSourcingModule}s. The schema must exist (Liquibase, {@code db/exchange-core/changelog.xml}).
 */
public final class EventSourcing {

    private EventSourcing() {
    }

    /** A started configuration; {@link Configuration#shutdown()} stops its processors and deadlines. */
    public static Configuration start(DataSource dataSource, EventSourcingSettings settings, List<? extends EventSourcingModule> modules) {
        Configuration configuration = configurer(new JdbcTransactions(dataSource), settings, modules).buildConfiguration();
        configuration.start();
        return configuration;
    }

    public static Configurer configurer(JdbcTransactions transactions, EventSourcingSettings settings,
                                        List<? extends EventSourcingModule> modules) {
        Objects.requireNonNull(settings, "settings is null");
        JacksonSerializer json = EventJson.serializer();
        Configurer configurer = DefaultConfigurer.defaultConfiguration(false)
                .configureSerializer(c -> json)
                .configureEventSerializer(c -> json)
                .configureMessageSerializer(c -> json)
                .configureTransactionManager(c -> transactions)
                .registerComponent(JdbcTransactions.class, c -> transactions)
                .configureEmbeddedEventStore(c -> JdbcEventStorageEngine.builder()
                        .connectionProvider(transactions)
                        .transactionManager(c.getComponent(TransactionManager.class))
                        .eventSerializer(c.eventSerializer())
                        .snapshotSerializer(c.serializer())
                        .dataType(byte[].class)
                        .batchSize(settings.readBatchSize())
                        .gapTimeout((int) settings.gapTimeout().toMillis())
                        .build())
                // Deadlines (an exchange's or a grant's end) are held in memory; what they enforce is also
                // checked when the state is read, so a restart delays an expiry event, never an enforcement.
                .registerComponent(DeadlineManager.class, c -> SimpleDeadlineManager.builder()
                        .scopeAwareProvider(new ConfigurationScopeAwareProvider(c))
                        .transactionManager(c.getComponent(TransactionManager.class))
                        .spanFactory(c.getComponent(org.axonframework.deadline.DeadlineManagerSpanFactory.class,
                                () -> org.axonframework.deadline.DefaultDeadlineManagerSpanFactory.builder()
                                        .spanFactory(c.spanFactory()).build()))
                        .build());
        configurer.eventProcessing()
                .usingTrackingEventProcessors()
                // A handler that fails (the database away, a bug) stops its processor, which retries from its
                // token with back-off, instead of Axon's default of logging the event and skipping it: a read
                // model never silently misses an event.
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerTrackingEventProcessorConfiguration(c -> TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing()
                        .andBatchSize(settings.processorBatchSize()))
                .registerTokenStore(c -> JdbcTokenStore.builder()
                        .connectionProvider(transactions)
                        .serializer(c.serializer())
                        .contentType(byte[].class)
                        .build())
                .registerSagaStore(c -> JdbcSagaStore.builder()
                        .connectionProvider(transactions)
                        .serializer(c.serializer())
                        .build());
        modules.forEach(module -> module.configure(configurer));
        return configurer;
    }
}
