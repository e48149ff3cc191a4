package rhix.node.audit;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import javax.sql.DataSource;
import rhix.audit.chain.AuditChainSettings;
import rhix.audit.chain.AuditChainVerifier;
import rhix.audit.chain.AuditChainer;
import rhix.audit.chain.CheckpointSigner;
import rhix.audit.chain.NodeSigningKey;
import rhix.node.NodeConfiguration;
import rhix.privacy.erasure.NodeMasterKey;
import rhix.privacy.erasure.PersonalDataCipher;

/** exchange-core's audit chain and crypto-shredding over the node store, with the node's keys. */
@Factory
public class AuditFactory {

    @Singleton
    public NodeSigningKey nodeSigningKey(AuditConfiguration audit, NodeConfiguration node) {
        return new NodeKeyFiles(audit, node.nodeId()).signingKey();
    }

    @Singleton
    public NodeMasterKey nodeMasterKey(AuditConfiguration audit, NodeConfiguration node) {
        return new NodeKeyFiles(audit, node.nodeId()).masterKey();
    }

    @Singleton
    public AuditChainer auditChainer(DataSource dataSource, NodeConfiguration node, AuditConfiguration audit, Clock clock) {
        return new AuditChainer(dataSource, node.nodeId(),
                new AuditChainSettings(AuditChainSettings.DEFAULT_BATCH_SIZE, audit.gapWait()), clock);
    }

    @Singleton
    public CheckpointSigner checkpointSigner(DataSource dataSource, NodeConfiguration node, NodeSigningKey key,
                                             AuditConfiguration audit, Clock clock) {
        return new CheckpointSigner(dataSource, node.nodeId(), key, audit.checkpointInterval(), clock);
    }

    @Singleton
    public AuditChainVerifier auditChainVerifier(DataSource dataSource) {
        return new AuditChainVerifier(dataSource);
    }

    @Singleton
    public PersonalDataCipher personalDataCipher(DataSource dataSource, NodeMasterKey masterKey, Clock clock) {
        return new PersonalDataCipher(dataSource, masterKey, clock);
    }
}
