package rhix.region;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;

/** A node's stable name in the region, e.g. {@code county-330102}: lower case, digits and dashes. */
public record NodeId(@JsonValue String value) {

    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public NodeId {
        Objects.requireNonNull(value, "value is null");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("node id must be 1-63 lower-case letters, digits or dashes: '" + value + "'");
        }
    }

    /** Also how a stored event's plain string ({@code "county-330102"}) becomes a node id again. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static NodeId of(String value) {
        return new NodeId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
