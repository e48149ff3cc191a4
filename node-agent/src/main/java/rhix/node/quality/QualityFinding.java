package rhix.node.quality;

import rhix.node.store.ResourceKey;

/**
 * One rule broken by one resource, to go back to its producer as a work item.
 *
 * @param subject what it is about, when worth grouping by (see {@link QualityRule.Violation#subject()}), else null
 */
public record QualityFinding(String ruleId, QualityDimension dimension, FindingSeverity severity, ResourceKey resource,
                             String elementPath, String message, String subject) {
}
