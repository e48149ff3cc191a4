package rhix.mpi.api.http;

import io.micronaut.http.HttpRequest;
import rhix.mpi.index.IndexRefusal;

/**
 * Who is acting on the administration API: the {@value #HEADER} header, which the region's gateway sets
 * after authenticating the administrator. Authentication on this API itself is not built yet (see README):
 * deploy it behind that gateway only.
 */
final class Stewards {

    static final String HEADER = "X-User";

    private Stewards() {
    }

    static String of(HttpRequest<?> request) {
        String user = request.getHeaders().get(HEADER);
        if (user == null || user.isBlank()) {
            throw new IndexRefusal(IndexRefusal.Kind.INVALID, "say who decides: the " + HEADER + " header is required");
        }
        return user.strip();
    }
}
