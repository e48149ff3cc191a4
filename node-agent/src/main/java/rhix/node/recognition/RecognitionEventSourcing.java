package rhix.node.recognition;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import rhix.events.axon.EventSourcingFactory;
import rhix.events.axon.EventSourcingModule;

/**
 * The requesting side of mutual recognition in the node's Axon configuration: the exchange saga, and the
 * services it is given (Axon injects configuration components into sagas).
 */
@Singleton
@Requires(property = EventSourcingFactory.ENABLED, value = "true")
public final class RecognitionEventSourcing implements EventSourcingModule {

    private final ExchangeFanOut fanOut;

    public RecognitionEventSourcing(ExchangeFanOut fanOut) {
        this.fanOut = fanOut;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.registerComponent(ExchangeSteps.class, c -> fanOut);
        configurer.eventProcessing()
                .registerSaga(ExchangeSaga.class)
                // A new node (or a new saga) starts at the head: exchanges requested before it ran are long over,
                // and replaying them would ask providers again.
                .registerTrackingEventProcessorConfiguration(ExchangeSaga.PROCESSING_GROUP, c -> TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing()
                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken));
    }
}
