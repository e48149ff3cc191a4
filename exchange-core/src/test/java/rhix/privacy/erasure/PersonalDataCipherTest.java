package rhix.privacy.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rhix.audit.chain.AuditChainReport;
import rhix.audit.chain.AuditChainVerifier;
import rhix.audit.chain.AuditChainer;
import rhix.audit.chain.CheckpointSigner;
import rhix.audit.chain.NodeSigningKey;
import rhix.region.NodeId;
import rhix.testing.TestEventStore;

class PersonalDataCipherTest {

    /** An event that carries identity traits, sealed, as an MPI registration would. */
    record PatientRegisteredEvent(String patientId, SealedPersonalData name, SealedPersonalData residentId) {
    }

    private static final NodeId NODE = NodeId.of("county-330102");
    private static final NodeSigningKey NODE_KEY = NodeSigningKey.generate();
    private static final Instant NOW = Instant.parse("2026-12-02T09:30:00Z");
    private static final String ZHANG_NAME = "张伟明";
    private static final String ZHANG_RESIDENT_ID = "330102198001011237";
    private static final String LI_NAME = "李秀英";

    private TestEventStore store;
    private PersonalDataCipher cipher;

    @BeforeEach
    void createStore() {
        store = TestEventStore.onPostgres("erasure");
        cipher = new PersonalDataCipher(store.dataSource(), NodeMasterKey.generate(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void dropStore() {
        store.close();
    }

    @Test
    void erasingAPersonsKeyShredsTheirEventsAndLeavesTheChainValid() throws SQLException {
        store.appendRecordAccesses(10);
        appendRegistration("EMPI-0001", ZHANG_NAME, ZHANG_RESIDENT_ID);
        appendRegistration("EMPI-0002", LI_NAME, "330102198505052345");
        store.appendRecordAccesses(10);
        new AuditChainer(store.dataSource(), NODE).chainPending();
        new CheckpointSigner(store.dataSource(), NODE, NODE_KEY, 5, Clock.systemUTC()).signDue();
        assertStoredBytesNeverContain(ZHANG_NAME, ZHANG_RESIDENT_ID, LI_NAME);
        assertThat(cipher.open(readRegistration("EMPI-0001").name())).isEqualTo(new OpenedPersonalData.Readable(ZHANG_NAME));

        PersonalDataErasure erasure = cipher.erase("EMPI-0001", "dpo-chen", "PIPL art. 47 request #2026-118");
        appendErasure(erasure);
        new AuditChainer(store.dataSource(), NODE).chainPending();
        new CheckpointSigner(store.dataSource(), NODE, NODE_KEY, 5, Clock.systemUTC()).signHead();

        PatientRegisteredEvent zhang = readRegistration("EMPI-0001");
        assertThat(cipher.open(zhang.name())).isEqualTo(new OpenedPersonalData.Erased("EMPI-0001", NOW));
        assertThat(cipher.open(zhang.residentId())).isInstanceOf(OpenedPersonalData.Erased.class);
        assertThat(cipher.open(readRegistration("EMPI-0002").name())).isEqualTo(new OpenedPersonalData.Readable(LI_NAME));
        assertStoredBytesNeverContain(ZHANG_NAME, ZHANG_RESIDENT_ID, LI_NAME);
        assertThat(wrappedKeyOf("EMPI-0001")).as("the key itself is gone").isNull();

        AuditChainReport report = new AuditChainVerifier(store.dataSource()).verify(NODE, NODE_KEY.publicKey());
        assertThat(report.isValid()).as(report.describe()).isTrue();
        assertThat(report.linksChecked()).isEqualTo(23);
    }

    @Test
    void erasureIsIdempotentAndKeepsTheFirstRecord() {
        cipher.seal("EMPI-0003", "王芳");

        PersonalDataErasure first = cipher.erase("EMPI-0003", "dpo-chen", "request #1");
        PersonalDataErasure again = cipher.erase("EMPI-0003", "admin-zhou", "request #2");

        assertThat(first).isEqualTo(new PersonalDataErasure("EMPI-0003", NOW, "dpo-chen", "request #1", false));
        assertThat(again).isEqualTo(new PersonalDataErasure("EMPI-0003", NOW, "dpo-chen", "request #1", true));
    }

    @Test
    void nothingIsSealedForAnErasedPersonAgain() {
        cipher.erase("EMPI-0004", "dpo-chen", "erased before any data arrived");

        assertThatThrownBy(() -> cipher.seal("EMPI-0004", "赵磊"))
                .isInstanceOf(PersonalDataErasedException.class)
                .hasMessageContaining("EMPI-0004 was erased");
    }

    @Test
    void sealedValueMovedToAnotherPersonDoesNotOpen() {
        SealedPersonalData zhang = cipher.seal("EMPI-0001", ZHANG_NAME);
        cipher.seal("EMPI-0002", LI_NAME);

        SealedPersonalData moved = new SealedPersonalData("EMPI-0002", zhang.iv(), zhang.ciphertext());

        assertThatThrownBy(() -> cipher.open(moved))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not authenticate");
    }

    @Test
    void anotherNodesMasterKeyCannotUnwrap() {
        SealedPersonalData sealed = cipher.seal("EMPI-0001", ZHANG_NAME);
        PersonalDataCipher elsewhere = new PersonalDataCipher(store.dataSource(), NodeMasterKey.generate());

        assertThatThrownBy(() -> elsewhere.open(sealed))
                .isInstanceOf(PersonKeyStoreException.class)
                .hasMessageContaining("does not unwrap");
    }

    @Test
    void sealedDataIsJsonWithoutThePlaintext() throws Exception {
        ObjectMapper json = new ObjectMapper();
        SealedPersonalData sealed = cipher.seal("EMPI-0001", ZHANG_NAME);

        String written = json.writeValueAsString(sealed);

        assertThat(written).contains("\"personRef\":\"EMPI-0001\"").doesNotContain(ZHANG_NAME);
        assertThat(json.readValue(written, SealedPersonalData.class)).isEqualTo(sealed);
        assertThat(cipher.open(sealed).toString()).doesNotContain(ZHANG_NAME);
    }

    private void appendRegistration(String patientId, String name, String residentId) {
        store.engine().appendEvents(new GenericDomainEventMessage<>("Patient", patientId, 0,
                new PatientRegisteredEvent(patientId, cipher.seal(patientId, name), cipher.seal(patientId, residentId))));
    }

    private void appendErasure(PersonalDataErasure erasure) {
        store.engine().appendEvents(new GenericDomainEventMessage<>("Patient", erasure.personRef(), 1, erasure));
    }

    private PatientRegisteredEvent readRegistration(String patientId) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        store.engine().readEvents(patientId).forEachRemaining(events::add);
        return (PatientRegisteredEvent) events.getFirst().getPayload();
    }

    private void assertStoredBytesNeverContain(String... plaintexts) throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT payload, metaData FROM domainevententry");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String payload = new String(rows.getBytes(1), StandardCharsets.UTF_8);
                String metaData = new String(rows.getBytes(2), StandardCharsets.UTF_8);
                for (String plaintext : plaintexts) {
                    assertThat(payload).doesNotContain(plaintext);
                    assertThat(metaData).doesNotContain(plaintext);
                }
            }
        }
    }

    private byte[] wrappedKeyOf(String personRef) throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT wrapped_key FROM person_data_key WHERE person_ref = ?")) {
            select.setString(1, personRef);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getBytes(1);
            }
        }
    }
}
