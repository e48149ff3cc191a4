package rhix.events.axon;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * The service's Axon configuration as Micronaut beans: built from the service's {@link DataSource} (whose
 * changelog includes the event store's) and every {@link EventSourcingModule} bean, started once, shut down
 * with the context.
 */
@Factory
@Requires(beans = DataSource.class)
public class EventSourcingFactory {

    @Singleton
    @Bean(preDestroy = "shutdown")
    public Configuration eventSourcing(DataSource dataSource, EventSourcingSettings settings, List<EventSourcingModule> modules) {
        return EventSourcing.start(dataSource, settings, modules);
    }

    @Singleton
    public CommandGateway commandGateway(Configuration eventSourcing) {
        return eventSourcing.commandGateway();
    }

    @Singleton
    public EventStore eventStore(Configuration eventSourcing) {
        return eventSourcing.eventStore();
    }
}
