package rhix.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads the policy's JSON files strictly: a typo in a field or a value must stop the node from
 * starting, never silently fall back to a weaker default. Every error names the file and the entry.
 */
final class PolicyJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private PolicyJson() {
    }

    static JsonNode readResource(String resource) {
        try (InputStream in = PolicyJson.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            return read(resource, in);
        } catch (IOException e) {
            throw new UncheckedIOException(resource + ": cannot be read", e);
        }
    }

    static JsonNode read(String source, InputStream in) {
        try {
            return MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot be read", e);
        }
    }

    /** The array under {@code field} of the root object. */
    static JsonNode array(String source, JsonNode root, String field) {
        JsonNode array = root == null ? null : root.get(field);
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException(source + ": expected an object with an array '" + field + "'");
        }
        return array;
    }

    static void onlyFields(String source, String entry, JsonNode node, Set<String> known) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(source + ": " + entry + ": expected an object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException(source + ": " + entry + ": unknown field '" + name
                        + "' (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    static String text(String source, String entry, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(source + ": " + entry + ": '" + field + "' is missing or not a string");
        }
        return value.asText();
    }

    static <E extends Enum<E>> E enumValue(String source, String entry, String field, String text, Class<E> type) {
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + entry + ": unknown " + field + " '" + text
                    + "' (expected one of " + Arrays.toString(type.getEnumConstants()) + ")", e);
        }
    }

    static <E extends Enum<E>> E enumField(String source, String entry, JsonNode node, String field, Class<E> type) {
        return enumValue(source, entry, field, text(source, entry, node, field), type);
    }
}
