package rhix.node.quality;

/** The four quality dimensions the regional platform reports on (完整性、有效性、一致性、及时性). */
public enum QualityDimension {
    COMPLETENESS,
    VALIDITY,
    CONSISTENCY,
    TIMELINESS
}
