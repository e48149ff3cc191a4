package rhix.node.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /privacy/erasures}: erase a person's personal data by crypto-shredding.
 *
 * @param personRef   whose data: the MPI enterprise id (or the local reference) their values were sealed under
 * @param reason      why, e.g. the number of the data subject's request (PIPL art. 47)
 * @param requestedBy who decided it: the data protection officer's principal id
 */
@Serdeable
public record ErasureRequest(@Nullable String personRef, @Nullable String reason, @Nullable String requestedBy) {

    /** The fields that are missing or blank, in the order the API documents them. */
    public List<String> missingFields() {
        List<String> missing = new ArrayList<>();
        if (isBlank(personRef)) {
            missing.add("personRef");
        }
        if (isBlank(reason)) {
            missing.add("reason");
        }
        if (isBlank(requestedBy)) {
            missing.add("requestedBy");
        }
        return missing;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
