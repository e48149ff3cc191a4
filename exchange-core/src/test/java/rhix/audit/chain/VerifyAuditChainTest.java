package rhix.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rhix.region.NodeId;
import rhix.testing.TestEventStore;

class VerifyAuditChainTest {

    private static final NodeId NODE = NodeId.of("county-330225");
    private static final NodeSigningKey KEY = NodeSigningKey.generate();

    private static TestEventStore store;

    @TempDir
    static Path directory;
    private static Path publicKey;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void chainAndSign() throws IOException {
        store = TestEventStore.onPostgres("auditchain_cli");
        store.appendRecordAccesses(12);
        new AuditChainer(store.dataSource(), NODE).chainPending();
        new CheckpointSigner(store.dataSource(), NODE, KEY).signHead();
        publicKey = Files.writeString(directory.resolve("node.pub.pem"), KEY.publicKeyPem());
    }

    @AfterAll
    static void dropStore() {
        store.close();
    }

    @Test
    void validChainExitsZero() {
        int status = run("--jdbc-url", store.jdbcUrl(), "--user", "postgres", "--node-id", NODE.value(),
                "--public-key", publicKey.toString());

        assertThat(status).isEqualTo(VerifyAuditChain.VALID);
        assertThat(out()).contains("audit chain of county-330225: VALID", "links checked:        12");
    }

    @Test
    void brokenChainExitsOneAndNamesTheProblem() {
        int status = run("--jdbc-url", store.jdbcUrl(), "--user", "postgres", "--node-id", "county-330226",
                "--public-key", publicKey.toString());

        assertThat(status).isEqualTo(VerifyAuditChain.BROKEN);
        assertThat(out()).contains("BROKEN", "ALTERED: event", "position 1");
    }

    @Test
    void witnessedPositionBeyondTheChainExitsOne() {
        int status = run("--jdbc-url", store.jdbcUrl(), "--user", "postgres", "--node-id", NODE.value(),
                "--public-key", publicKey.toString(), "--witnessed-position", "1000");

        assertThat(status).isEqualTo(VerifyAuditChain.BROKEN);
        assertThat(out()).contains("TRUNCATED");
    }

    @Test
    void missingOptionIsAUsageError() {
        int status = run("--jdbc-url", store.jdbcUrl(), "--user", "postgres", "--public-key", publicKey.toString());

        assertThat(status).isEqualTo(VerifyAuditChain.USAGE_ERROR);
        assertThat(err()).contains("missing option: --node-id", "usage: VerifyAuditChain");
    }

    @Test
    void unknownOptionOrBadValueIsAUsageError() {
        assertThat(run("--jdbc-url", store.jdbcUrl(), "--user", "postgres", "--node-id", NODE.value(),
                "--public-key", publicKey.toString(), "--verbose", "yes")).isEqualTo(VerifyAuditChain.USAGE_ERROR);
        assertThat(run("--jdbc-url", store.jdbcUrl(), "--user", "postgres", "--node-id", "Not A Node",
                "--public-key", publicKey.toString())).isEqualTo(VerifyAuditChain.USAGE_ERROR);
        assertThat(run("--jdbc-url", store.jdbcUrl(), "--user", "postgres", "--node-id", NODE.value(),
                "--public-key", directory.resolve("absent.pem").toString())).isEqualTo(VerifyAuditChain.USAGE_ERROR);
        assertThat(run("--jdbc-url", store.jdbcUrl())).isEqualTo(VerifyAuditChain.USAGE_ERROR);
    }

    @Test
    void unreachableDatabaseExitsThree() {
        int status = run("--jdbc-url", "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1", "--user", "postgres",
                "--node-id", NODE.value(), "--public-key", publicKey.toString());

        assertThat(status).isEqualTo(VerifyAuditChain.UNREADABLE);
        assertThat(err()).contains("could not verify the audit chain of county-330225");
    }

    private int run(String... args) {
        return VerifyAuditChain.run(new ArrayList<>(List.of(args)), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
