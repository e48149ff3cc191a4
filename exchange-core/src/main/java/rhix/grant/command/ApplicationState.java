package rhix.grant.command;

/** Where a data-use application is; REJECTED, REVOKED and EXPIRED are final. */
enum ApplicationState {
    SUBMITTED,
    DEPARTMENT_APPROVED,
    GRANTED,
    REJECTED,
    REVOKED,
    EXPIRED;

    boolean isUnderReview() {
        return this == SUBMITTED || this == DEPARTMENT_APPROVED;
    }
}
