package rhix.fhir.facade.security;

/**
 * Why the facade refused a request on security grounds; every message starts with the stable code so
 * clients and the audit can tell the cases apart.
 */
public enum SecurityErrorCode {
    /** 401: no {@code Authorization: Bearer} header. */
    TOKEN_MISSING("RHIX-SEC-001"),
    /** 401: malformed, wrongly signed, expired, not yet valid, wrong issuer or audience. */
    TOKEN_INVALID("RHIX-SEC-002"),
    /** 403: the token states no purpose of use and the node requires one. */
    PURPOSE_OF_USE_MISSING("RHIX-SEC-003"),
    /** 403: the token's purpose of use is not an HL7 v3 PurposeOfUse code. */
    PURPOSE_OF_USE_UNKNOWN("RHIX-SEC-004"),
    /** 403: no scope of the token covers the interaction (or the patient compartment). */
    SCOPE_MISSING("RHIX-SEC-005"),
    /** 403: a {@code patient/} scope without the {@code patient} claim that says whose compartment it is. */
    PATIENT_CLAIM_MISSING("RHIX-SEC-006");

    private final String code;

    SecurityErrorCode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public String message(String detail) {
        return code + ": " + detail;
    }
}
