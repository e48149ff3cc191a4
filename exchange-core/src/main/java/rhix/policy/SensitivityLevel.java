package rhix.policy;

/**
 * The five sensitivity levels of GB/T 39725-2020 (健康医疗数据分级), by how widely data may be
 * used and how much harm its unauthorised disclosure would do. The level drives the default
 * de-identification of a column ({@link ReleasePolicy}).
 */
public enum SensitivityLevel {
    /** 第1级: may be fully public (a hospital's name, address, telephone number). */
    L1,
    /** 第2级: not public, but usable widely, e.g. data that does not identify a person, used for research after approval. */
    L2,
    /** 第3级: usable within a moderate scope (an authorised project team); disclosure may do moderate harm, e.g. partly de-identified data that could still be re-identified. */
    L3,
    /** 第4级: usable within a small scope (the care team); disclosure may do serious harm, e.g. data that directly identifies a person. */
    L4,
    /** 第5级: usable only by very few under strict control; disclosure may do severe harm, e.g. HIV/STD, psychiatric or genetic details, for the treating clinicians only. */
    L5;

    /** True when this level is at least as sensitive as {@code other}. */
    public boolean isAtLeast(SensitivityLevel other) {
        return compareTo(other) >= 0;
    }
}
