package rhix.node.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rhix.audit.chain.NodeSigningKey;
import rhix.privacy.erasure.NodeMasterKey;
import rhix.region.NodeId;

/** Generate-or-load of the node's keys, and the defaults of {@code rhix.node.audit.*}. */
class NodeKeyFilesTest {

    private static final NodeId NODE = NodeId.of("county-330102");

    @TempDir
    Path directory;

    @Test
    void defaultsAreDocumented() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("rhix.node.id", "audit-defaults",
                "rhix.node.audit.key-directory", directory.toString()))) {
            AuditConfiguration audit = context.getBean(AuditConfiguration.class);
            assertThat(audit.chainInterval()).isEqualTo(Duration.ofSeconds(2));
            assertThat(audit.checkpointInterval()).isEqualTo(1000);
            assertThat(audit.checkpointEvery()).isEqualTo(Duration.ofMinutes(1));
            assertThat(audit.gapWait()).isEqualTo(Duration.ofSeconds(10));
            assertThat(audit.signingKey()).isNull();
            assertThat(audit.masterKey()).isNull();
        }
        assertThat(configuration(null, null, null).keyDirectoryFor(NODE)).isEqualTo(Path.of("data", "keys", "county-330102"));
    }

    @Test
    void generatedKeysAreWrittenOnceAndReadBackOnTheNextStart() throws Exception {
        AuditConfiguration audit = configuration(null, null, directory);

        NodeSigningKey signing = new NodeKeyFiles(audit, NODE).signingKey();
        NodeMasterKey master = new NodeKeyFiles(audit, NODE).masterKey();

        assertThat(new NodeKeyFiles(audit, NODE).signingKey().keyId()).isEqualTo(signing.keyId());
        assertThat(new NodeKeyFiles(audit, NODE).masterKey().keyId()).isEqualTo(master.keyId());
        assertThat(Files.readString(directory.resolve(AuditConfiguration.PUBLIC_KEY_FILE))).isEqualTo(signing.publicKeyPem());
        assertThat(Files.getPosixFilePermissions(directory.resolve(AuditConfiguration.SIGNING_KEY_FILE)).toString())
                .isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }

    @Test
    void configuredKeysAreLoaded() throws Exception {
        NodeSigningKey signing = NodeSigningKey.generate();
        NodeMasterKey master = NodeMasterKey.generate();
        Path signingFile = Files.writeString(directory.resolve("node.pem"), signing.toPem());
        Path masterFile = Files.writeString(directory.resolve("master.b64"), master.toBase64());

        AuditConfiguration audit = configuration(signingFile, masterFile, directory.resolve("unused"));

        assertThat(new NodeKeyFiles(audit, NODE).signingKey().keyId()).isEqualTo(signing.keyId());
        assertThat(new NodeKeyFiles(audit, NODE).masterKey().keyId()).isEqualTo(master.keyId());
        assertThat(directory.resolve("unused")).doesNotExist();
    }

    @Test
    void aConfiguredKeyThatCannotBeReadIsRefusedNotReplaced() throws Exception {
        Path notAKey = Files.writeString(directory.resolve("node.pem"), "not a key");
        AuditConfiguration audit = configuration(notAKey, directory.resolve("absent.key"), directory);

        assertThatThrownBy(() -> new NodeKeyFiles(audit, NODE).signingKey())
                .isInstanceOf(AuditKeyUnavailableException.class)
                .hasMessageContaining("rhix.node.audit.signing-key=" + notAKey, "does not start");
        assertThatThrownBy(() -> new NodeKeyFiles(audit, NODE).masterKey())
                .isInstanceOf(AuditKeyUnavailableException.class)
                .hasMessageContaining("rhix.node.audit.master-key=", "absent.key", "does not start");
        assertThat(directory.resolve(AuditConfiguration.SIGNING_KEY_FILE)).doesNotExist();
    }

    private static AuditConfiguration configuration(Path signingKey, Path masterKey, Path keyDirectory) {
        return new AuditConfiguration(signingKey, masterKey, keyDirectory, Duration.ofSeconds(2), 1000, Duration.ofMinutes(1),
                Duration.ofSeconds(10));
    }
}
