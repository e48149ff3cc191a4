package rhix.audit.chain;

import java.nio.charset.StandardCharsets;
import rhix.region.NodeId;

/**
 * What a checkpoint signature covers: a domain tag, the node id, the position and the link hash there. The tag
 * keeps the node key's signature over a checkpoint from being replayed as a signature over anything else.
 */
record CheckpointStatement(NodeId nodeId, long position, String linkHash) {

    private static final byte[] DOMAIN = "rhix-audit-chain-checkpoint-v1".getBytes(StandardCharsets.US_ASCII);

    byte[] bytesToSign() {
        return new LengthPrefixedBytes()
                .add(DOMAIN)
                .add(nodeId.value())
                .add(position)
                .add(LinkHashing.fromHex(linkHash))
                .toByteArray();
    }
}
