package rhix.fhir.facade.write;

import ca.uhn.fhir.rest.api.server.RequestDetails;

/** Who a request writes as: recorded as the producer of every version it stores, and in the ledger. */
public final class Writers {

    static final String USER_HEADER = "X-User";
    static final String ANONYMOUS = "anonymous";

    private Writers() {
    }

    public static String of(RequestDetails request) {
        String user = request.getHeader(USER_HEADER);
        return user == null || user.isBlank() ? ANONYMOUS : user.strip();
    }
}
