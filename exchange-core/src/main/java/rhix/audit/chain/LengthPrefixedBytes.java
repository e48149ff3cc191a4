package rhix.audit.chain;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The canonical encoding hashed and signed by the audit chain: each field as a 4-byte big-endian length and its
 * bytes; a NULL is length -1 with no bytes; a number is its 8 big-endian bytes; text is UTF-8.
 */
final class LengthPrefixedBytes {

    private static final int NULL_LENGTH = -1;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    LengthPrefixedBytes add(long number) {
        return add(ByteBuffer.allocate(Long.BYTES).putLong(number).array());
    }

    LengthPrefixedBytes add(String text) {
        return add(text == null ? null : text.getBytes(StandardCharsets.UTF_8));
    }

    LengthPrefixedBytes add(byte[] bytes) {
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(bytes == null ? NULL_LENGTH : bytes.length).array());
        if (bytes != null) {
            out.writeBytes(bytes);
        }
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
