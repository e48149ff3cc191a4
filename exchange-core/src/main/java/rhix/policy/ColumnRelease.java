package rhix.policy;

import java.util.Objects;

/** One column of a release plan: what it is and how it leaves the node. */
public record ColumnRelease(ColumnClassification classification, Protection protection) {

    public ColumnRelease {
        Objects.requireNonNull(classification, "classification is null");
        Objects.requireNonNull(protection, "protection is null");
        if (!classification.kind().accepts(protection.method())) {
            throw new IllegalArgumentException(protection + " does not apply to " + classification.column()
                    + " (" + classification.kind() + ")");
        }
    }

    public ColumnRef column() {
        return classification.column();
    }
}
