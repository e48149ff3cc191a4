package rhix.node.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.audit.chain.NodeSigningKey;
import rhix.privacy.erasure.NodeMasterKey;
import rhix.region.NodeId;

/**
 * Generate-or-load of the node's two keys. A configured file must load, or the node refuses to start: silently
 * generating a replacement would sign with a key nobody recorded (every earlier checkpoint then fails to verify) or
 * wrap with a master key that opens no one's data. Without a configured file the key lives in the key directory,
 * created on first start and read again on every later one.
 */
final class NodeKeyFiles {

    private static final Logger LOG = LoggerFactory.getLogger(NodeKeyFiles.class);

    private final AuditConfiguration configuration;
    private final NodeId node;

    NodeKeyFiles(AuditConfiguration configuration, NodeId node) {
        this.configuration = Objects.requireNonNull(configuration, "configuration is null");
        this.node = Objects.requireNonNull(node, "node is null");
    }

    NodeSigningKey signingKey() {
        if (configuration.signingKey() != null) {
            Path configured = configuration.signingKey();
            try {
                NodeSigningKey key = NodeSigningKey.load(configured);
                LOG.info("Audit chain of {}: signing key {} from {}", node, key.keyId(), configured);
                return key;
            } catch (IOException | RuntimeException e) {
                throw new AuditKeyUnavailableException("rhix.node.audit.signing-key=" + configured
                        + " cannot be read (" + e.getMessage() + "); the node does not start without the audit signing key"
                        + " it was configured with. Fix the file or its permissions, or unset the key to generate one", e);
            }
        }
        Path directory = configuration.keyDirectoryFor(node);
        Path file = directory.resolve(AuditConfiguration.SIGNING_KEY_FILE);
        Path publicFile = directory.resolve(AuditConfiguration.PUBLIC_KEY_FILE);
        try {
            if (Files.exists(file)) {
                NodeSigningKey key = NodeSigningKey.load(file);
                LOG.info("Audit chain of {}: signing key {} from {} (public key: {})", node, key.keyId(), file, publicFile);
                return key;
            }
            NodeSigningKey key = NodeSigningKey.generate();
            writeSecret(file, key.toPem());
            Files.writeString(publicFile, key.publicKeyPem(), StandardCharsets.US_ASCII);
            LOG.warn("Audit chain of {}: no rhix.node.audit.signing-key configured; generated signing key {} in {}."
                    + " Record the key id outside this node; verifiers need the public key: {}", node, key.keyId(), file,
                    publicFile.toAbsolutePath());
            return key;
        } catch (IOException | RuntimeException e) {
            throw new AuditKeyUnavailableException("the audit signing key in " + file + " cannot be read or created ("
                    + e.getMessage() + "); set rhix.node.audit.key-directory to a writable directory or"
                    + " rhix.node.audit.signing-key to a PEM file", e);
        }
    }

    NodeMasterKey masterKey() {
        if (configuration.masterKey() != null) {
            Path configured = configuration.masterKey();
            try {
                NodeMasterKey key = NodeMasterKey.load(configured);
                LOG.info("Erasure on {}: master key {} from {}", node, key.keyId(), configured);
                return key;
            } catch (IOException | RuntimeException e) {
                throw new AuditKeyUnavailableException("rhix.node.audit.master-key=" + configured + " cannot be read ("
                        + e.getMessage() + "); the node does not start without the master key it was configured with:"
                        + " a new one would open no one's sealed personal data", e);
            }
        }
        Path file = configuration.keyDirectoryFor(node).resolve(AuditConfiguration.MASTER_KEY_FILE);
        try {
            if (Files.exists(file)) {
                NodeMasterKey key = NodeMasterKey.load(file);
                LOG.info("Erasure on {}: master key {} from {}", node, key.keyId(), file);
                return key;
            }
            NodeMasterKey key = NodeMasterKey.generate();
            writeSecret(file, key.toBase64() + "\n");
            LOG.warn("Erasure on {}: no rhix.node.audit.master-key configured; generated master key {} in {}."
                    + " Back it up apart from the database: losing it loses every person's sealed data", node, key.keyId(),
                    file.toAbsolutePath());
            return key;
        } catch (IOException | RuntimeException e) {
            throw new AuditKeyUnavailableException("the master key in " + file + " cannot be read or created ("
                    + e.getMessage() + "); set rhix.node.audit.key-directory to a writable directory or"
                    + " rhix.node.audit.master-key to a base64 key file", e);
        }
    }

    /** Written to a temporary file readable by the owner only, then renamed: a crash never leaves half a key behind. */
    private static void writeSecret(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".key-", ".tmp");
        try {
            restrictToOwner(temporary);
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the directory's ACL applies.
        }
    }
}
