package rhix.grant.api;

import rhix.policy.Deidentification;

/** One column of a view and how it is de-identified before it leaves its node. */
public record ColumnScope(String column, Deidentification deidentification) {
}
