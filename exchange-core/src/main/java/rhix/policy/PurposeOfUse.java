package rhix.policy;

/**
 * Why data is asked for, the first question of every release (HL7 v3 PurposeOfUse codes). A purpose
 * decides which views and columns are the minimum necessary and how they are de-identified.
 */
public enum PurposeOfUse {
    /** Care of this patient by the requester (v3 TREAT): mutual recognition, referrals. */
    TREATMENT("TREAT"),
    /** Approved research on de-identified data (v3 HRESCH), only under a data-use grant. */
    RESEARCH("HRESCH"),
    /** Statistics and surveillance by health authorities (v3 PUBHLTH): aggregates only. */
    PUBLIC_HEALTH("PUBHLTH");

    private final String v3Code;

    PurposeOfUse(String v3Code) {
        this.v3Code = v3Code;
    }

    /** The code in http://terminology.hl7.org/CodeSystem/v3-ActReason. */
    public String v3Code() {
        return v3Code;
    }

    /** The purpose with this v3 code or enum name; an unknown one is refused naming the known ones. */
    public static PurposeOfUse parse(String code) {
        for (PurposeOfUse purpose : values()) {
            if (purpose.v3Code.equalsIgnoreCase(code) || purpose.name().equalsIgnoreCase(code)) {
                return purpose;
            }
        }
        throw new IllegalArgumentException("unknown purpose of use '" + code + "': expected TREAT, HRESCH or PUBHLTH");
    }
}
