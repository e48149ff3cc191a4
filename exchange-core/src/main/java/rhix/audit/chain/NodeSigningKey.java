package rhix.audit.chain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The node's Ed25519 key pair that signs audit chain checkpoints. On disk it is one PEM file with a PKCS#8
 * {@code PRIVATE KEY} block and an X.509 {@code PUBLIC KEY} block (the JDK cannot derive the public key):
 * {@code openssl genpkey -algorithm ed25519 -out node.pem && openssl pkey -in node.pem -pubout >> node.pem}.
 * The verifier needs only the public block, e.g. {@code openssl pkey -in node.pem -pubout -out node.pub.pem}.
 */
public record NodeSigningKey(PrivateKey privateKey, PublicKey publicKey) {

    public static final String ALGORITHM = "Ed25519";

    public NodeSigningKey {
        Objects.requireNonNull(privateKey, "privateKey is null");
        Objects.requireNonNull(publicKey, "publicKey is null");
        byte[] probe = "rhix key pair check".getBytes(StandardCharsets.US_ASCII);
        if (!verifies(publicKey, probe, sign(privateKey, probe))) {
            throw new IllegalArgumentException("the public key " + keyIdOf(publicKey) + " does not belong to the private key");
        }
    }

    public static NodeSigningKey generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            return new NodeSigningKey(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no " + ALGORITHM + " key generator", e);
        }
    }

    /** Reads the private and public key from one PEM file (see the class comment). */
    public static NodeSigningKey load(Path pemFile) throws IOException {
        String pem = Files.readString(pemFile, StandardCharsets.US_ASCII);
        byte[] pkcs8 = PemBlocks.find(pem, "PRIVATE KEY").orElseThrow(() -> new IOException(
                pemFile + " has no PKCS#8 'PRIVATE KEY' block (openssl genpkey -algorithm ed25519 -out " + pemFile + ")"));
        byte[] x509 = PemBlocks.find(pem, "PUBLIC KEY").orElseThrow(() -> new IOException(
                pemFile + " has no 'PUBLIC KEY' block; append it: openssl pkey -in " + pemFile + " -pubout >> " + pemFile));
        try {
            KeyFactory keys = KeyFactory.getInstance(ALGORITHM);
            return new NodeSigningKey(keys.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)),
                    keys.generatePublic(new X509EncodedKeySpec(x509)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(pemFile + " does not hold an " + ALGORITHM + " key pair: " + e.getMessage(), e);
        }
    }

    /** Reads the X.509 {@code PUBLIC KEY} block of a PEM file: all a verifier needs. */
    public static PublicKey loadPublicKey(Path pemFile) throws IOException {
        String pem = Files.readString(pemFile, StandardCharsets.US_ASCII);
        byte[] x509 = PemBlocks.find(pem, "PUBLIC KEY")
                .orElseThrow(() -> new IOException(pemFile + " has no X.509 'PUBLIC KEY' block"));
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(x509));
        } catch (GeneralSecurityException e) {
            throw new IOException(pemFile + " does not hold an " + ALGORITHM + " public key: " + e.getMessage(), e);
        }
    }

    /** Lower-case hex SHA-256 of the public key's X.509 encoding: names the key in every checkpoint it signs. */
    public static String keyIdOf(PublicKey publicKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public String keyId() {
        return keyIdOf(publicKey);
    }

    /** Both blocks, in the layout {@link #load} reads. */
    public String toPem() {
        return PemBlocks.write("PRIVATE KEY", privateKey.getEncoded()) + publicKeyPem();
    }

    public String publicKeyPem() {
        return PemBlocks.write("PUBLIC KEY", publicKey.getEncoded());
    }

    byte[] sign(byte[] message) {
        return sign(privateKey, message);
    }

    static boolean verifies(PublicKey publicKey, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] sign(PrivateKey privateKey, byte[] message) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(privateKey);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with an " + privateKey.getAlgorithm() + " key: " + e.getMessage(), e);
        }
    }

    /** Never prints the private key. */
    @Override
    public String toString() {
        return "NodeSigningKey[keyId=" + keyId() + "]";
    }
}
