package rhix.events.axon;

import org.axonframework.config.Configurer;

/**
 * One feature's part of the event-sourcing configuration: its aggregates, sagas and projections. Each is a
 * bean; {@link EventSourcingFactory} applies them all before Axon starts, so a feature registers itself
 * without the factory knowing it.
 */
@FunctionalInterface
public interface EventSourcingModule {

    void configure(Configurer configurer);
}
