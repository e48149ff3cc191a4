package rhix.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import rhix.region.NodeId;

/**
 * The chain's hash construction, in one place for the chainer and the verifier:
 * {@code link(0) = SHA-256(UTF-8 node id)}, {@code link(n) = SHA-256(link(n-1) || canonical bytes of row n)}.
 * Seeding with the node id keeps one node's chain from being passed off as another's.
 */
final class LinkHashing {

    private static final HexFormat HEX = HexFormat.of();

    static byte[] genesis(NodeId nodeId) {
        return sha256().digest(nodeId.value().getBytes(StandardCharsets.UTF_8));
    }

    static byte[] next(byte[] previousLinkHash, StoredEventRow row) {
        MessageDigest digest = sha256();
        digest.update(previousLinkHash);
        digest.update(row.canonicalBytes());
        return digest.digest();
    }

    static String toHex(byte[] hash) {
        return HEX.formatHex(hash);
    }

    static byte[] fromHex(String hash) {
        return HEX.parseHex(hash.strip());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private LinkHashing() {
    }
}
