package rhix.events.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The JSON form of stored events, tokens and sagas: readable in the database, independent of the JDK's
 * serialisation (which Axon's default XStream needs opened modules for), and without polymorphic typing,
 * which would let a stored payload name any class to instantiate.
 */
public final class EventJson {

    public static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // Events gain fields over the years; an older reader skips what it does not know.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static JacksonSerializer serializer() {
        return JacksonSerializer.builder().objectMapper(objectMapper()).build();
    }

    private EventJson() {
    }
}
