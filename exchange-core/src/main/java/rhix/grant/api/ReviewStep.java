package rhix.grant.api;

/** The review steps, in the order they must approve. */
public enum ReviewStep {
    /** The applicant's department head: is the use part of the applicant's work? */
    DEPARTMENT,
    /** The data security committee: are the scope and de-identification the minimum necessary? */
    DATA_SECURITY_COMMITTEE
}
