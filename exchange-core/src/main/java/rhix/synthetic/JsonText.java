package rhix.synthetic;

import java.math.BigDecimal;

/**
 * A minimal streaming JSON writer: compact output, members in the order written, strings escaped
 * as Jackson (and so HAPI) escapes them. The generator writes FHIR JSON with it directly because
 * building HAPI model objects and encoding them costs twenty times as much per resource, which
 * decides whether ten million persons take minutes or hours.
 */
final class JsonText {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final StringBuilder out;
    private boolean needsComma;

    JsonText(int capacity) {
        this.out = new StringBuilder(capacity);
    }

    JsonText beginObject() {
        separate();
        out.append('{');
        needsComma = false;
        return this;
    }

    JsonText beginObject(String name) {
        member(name);
        out.append('{');
        needsComma = false;
        return this;
    }

    JsonText endObject() {
        out.append('}');
        needsComma = true;
        return this;
    }

    JsonText beginArray(String name) {
        member(name);
        out.append('[');
        needsComma = false;
        return this;
    }

    JsonText endArray() {
        out.append(']');
        needsComma = true;
        return this;
    }

    JsonText string(String name, String value) {
        member(name);
        quote(value);
        needsComma = true;
        return this;
    }

    /** A string element of an array. */
    JsonText string(String value) {
        separate();
        quote(value);
        needsComma = true;
        return this;
    }

    JsonText number(String name, BigDecimal value) {
        member(name);
        out.append(value.toPlainString());
        needsComma = true;
        return this;
    }

    JsonText bool(String name, boolean value) {
        member(name);
        out.append(value);
        needsComma = true;
        return this;
    }

    /** An already-encoded JSON value. */
    JsonText raw(String name, String json) {
        member(name);
        out.append(json);
        needsComma = true;
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void member(String name) {
        separate();
        quote(name);
        out.append(':');
    }

    private void separate() {
        if (needsComma) {
            out.append(',');
        }
    }

    private void quote(String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
