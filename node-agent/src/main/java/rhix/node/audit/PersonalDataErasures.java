package rhix.node.audit;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.privacy.erasure.PersonalDataCipher;
import rhix.privacy.erasure.PersonalDataErasedEvent;
import rhix.privacy.erasure.PersonalDataErasure;

/**
 * Erases a person's data key and records the erasure as a {@link PersonalDataErasedEvent} in the event store, where
 * the audit chain links it like every other event.
 *
 * <p>Both halves are idempotent, so a retry after a failure between them completes the record: the cipher returns
 * the first erasure, and the event is appended only when the person's erasure aggregate has no event yet (the
 * store's unique (aggregate, sequence) key settles a race between two requests).
 */
@Singleton
@Requires(beans = EventStore.class)
public class PersonalDataErasures {

    private static final Logger LOG = LoggerFactory.getLogger(PersonalDataErasures.class);

    private final PersonalDataCipher cipher;
    private final EventStore eventStore;
    private final DataSource dataSource;

    public PersonalDataErasures(PersonalDataCipher cipher, EventStore eventStore, DataSource dataSource) {
        this.cipher = cipher;
        this.eventStore = eventStore;
        this.dataSource = dataSource;
    }

    public ErasureRecord erase(String personRef, String requestedBy, String reason) throws SQLException {
        PersonalDataErasure erasure = cipher.erase(personRef, requestedBy, reason);
        String aggregateId = PersonalDataErasedEvent.aggregateIdentifier(personRef);
        StoredEvent recorded = recordedEvent(aggregateId).orElseGet(() -> append(erasure, aggregateId));
        LOG.info("Personal data of {} erased by {} ({}){}", personRef, erasure.erasedBy(), erasure.reason(),
                erasure.alreadyErased() ? ", already before" : "");
        return new ErasureRecord(erasure.personRef(), erasure.erasedAt(), erasure.erasedBy(), erasure.reason(),
                erasure.alreadyErased(), recorded.eventIdentifier(), recorded.globalIndex());
    }

    private StoredEvent append(PersonalDataErasure erasure, String aggregateId) {
        RuntimeException failure = null;
        try {
            eventStore.publish(new GenericDomainEventMessage<>(PersonalDataErasedEvent.AGGREGATE_TYPE, aggregateId, 0L,
                    PersonalDataErasedEvent.of(erasure)));
        } catch (RuntimeException e) {
            // Most likely another request recorded this erasure first (a duplicate key); then theirs is the record.
            failure = e;
        }
        try {
            Optional<StoredEvent> recorded = recordedEvent(aggregateId);
            if (recorded.isPresent()) {
                return recorded.get();
            }
        } catch (SQLException e) {
            throw new ErasureNotRecordedException(erasure.personRef(), e);
        }
        throw new ErasureNotRecordedException(erasure.personRef(), failure);
    }

    private Optional<StoredEvent> recordedEvent(String aggregateId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT eventIdentifier, globalIndex FROM domainevententry"
                     + " WHERE aggregateIdentifier = ? AND sequenceNumber = 0")) {
            select.setString(1, aggregateId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new StoredEvent(row.getString(1), row.getLong(2))) : Optional.empty();
            }
        }
    }

    private record StoredEvent(String eventIdentifier, long globalIndex) {
    }
}
