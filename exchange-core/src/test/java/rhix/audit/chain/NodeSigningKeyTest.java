package rhix.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeSigningKeyTest {

    @TempDir
    Path directory;

    @Test
    void pemFileRoundTrips() throws IOException {
        NodeSigningKey key = NodeSigningKey.generate();
        Path pem = Files.writeString(directory.resolve("node.pem"), key.toPem());
        Path publicPem = Files.writeString(directory.resolve("node.pub.pem"), key.publicKeyPem());

        assertThat(NodeSigningKey.load(pem).keyId()).isEqualTo(key.keyId());
        assertThat(NodeSigningKey.loadPublicKey(publicPem)).isEqualTo(key.publicKey());
        assertThat(NodeSigningKey.loadPublicKey(pem)).isEqualTo(key.publicKey());
        assertThat(key.keyId()).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void privateKeyWithoutItsPublicBlockSaysHowToAddIt() throws IOException {
        NodeSigningKey key = NodeSigningKey.generate();
        Path pem = Files.writeString(directory.resolve("node.pem"), key.toPem().replace(key.publicKeyPem(), ""));

        assertThatThrownBy(() -> NodeSigningKey.load(pem))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no 'PUBLIC KEY' block")
                .hasMessageContaining("openssl pkey -in");
    }

    @Test
    void publicKeyOfAnotherPairIsRefused() {
        NodeSigningKey one = NodeSigningKey.generate();
        NodeSigningKey other = NodeSigningKey.generate();

        assertThatThrownBy(() -> new NodeSigningKey(one.privateKey(), other.publicKey()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not belong to the private key");
    }

    @Test
    void printsNoKeyMaterial() {
        NodeSigningKey key = NodeSigningKey.generate();

        assertThat(key.toString()).isEqualTo("NodeSigningKey[keyId=" + key.keyId() + "]");
    }
}
