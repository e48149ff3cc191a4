package rhix.fhir.facade.write;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import rhix.fhir.facade.security.AccessToken;

/**
 * Who a request writes as, recorded as the producer of every version it stores and in the ledger: the
 * verified token's subject. Only with security explicitly off (local development) does an {@code X-User}
 * header name the writer, since nothing can vouch for it then.
 */
public final class Writers {

    static final String USER_HEADER = "X-User";
    static final String ANONYMOUS = "anonymous";

    private Writers() {
    }

    public static String of(RequestDetails request) {
        return AccessToken.of(request).map(AccessToken::subject).orElseGet(() -> {
            String user = request.getHeader(USER_HEADER);
            return user == null || user.isBlank() ? ANONYMOUS : user.strip();
        });
    }
}
