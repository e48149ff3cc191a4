package rhix.node.audit;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import rhix.audit.chain.AuditCheckpoint;

/** A signed checkpoint as JSON: enough for anyone holding the public key to check it (signature in base64). */
@Serdeable
public record CheckpointView(String nodeId, long position, String linkHash, Instant signedAt, String keyId,
                             String algorithm, String signature) {

    static CheckpointView of(String nodeId, AuditCheckpoint checkpoint) {
        return new CheckpointView(nodeId, checkpoint.position(), checkpoint.linkHash(), checkpoint.signedAt(),
                checkpoint.keyId(), checkpoint.algorithm(), checkpoint.signature());
    }
}
