package rhix.node.quality;

import rhix.node.store.ResourceKey;

/** One rule broken by one resource, to go back to its producer as a work item. */
public record QualityFinding(String ruleId, QualityDimension dimension, FindingSeverity severity, ResourceKey resource,
                             String elementPath, String message) {
}
