package rhix.grant.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which rows: {@code filter} describes them for reviewers (e.g. "type 2 diabetes diagnosed 2020-2025");
 * {@code divisionCodes} (GB/T 2260) confine them to those divisions, or to none when empty (the whole region).
 */
public record RowScope(String filter, List<String> divisionCodes) {

    public RowScope {
        divisionCodes = divisionCodes == null ? null : Collections.unmodifiableList(new ArrayList<>(divisionCodes));
    }
}
