package rhix.events.axon;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
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
 * changelog includes the event store's) and every {@link EventSourcingModule} bean, started with the
 * context (so its processors run without anyone asking), shut down with it. A service turns it on with
 * {@code rhix.events.enabled=true}; others that merely have exchange-core on their class path are left alone.
 */
@Factory
@Requires(property = EventSourcingFactory.ENABLED, value = "true")
@Requires(beans = DataSource.class)
public class EventSourcingFactory {

    public static final String ENABLED = "rhix.events.enabled";

    @Context
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
