package rhix.audit.chain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The base64 body of a {@code -----BEGIN <label>-----} block, as openssl writes PKCS#8 and X.509 keys. */
final class PemBlocks {

    static Optional<byte[]> find(String pem, String label) {
        Matcher block = Pattern.compile("-----BEGIN " + label + "-----([A-Za-z0-9+/=\\s]+)-----END " + label + "-----")
                .matcher(pem);
        if (!block.find()) {
            return Optional.empty();
        }
        return Optional.of(Base64.getMimeDecoder().decode(block.group(1)));
    }

    static String write(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private PemBlocks() {
    }
}
