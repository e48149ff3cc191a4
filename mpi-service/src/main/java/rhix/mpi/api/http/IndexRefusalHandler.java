package rhix.mpi.api.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import rhix.mpi.index.IndexRefusal;

/** A refused administration request: 400, 404 or 409 with the index's reason; nothing was changed. */
@Singleton
public class IndexRefusalHandler implements ExceptionHandler<IndexRefusal, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, IndexRefusal refusal) {
        HttpStatus status = switch (refusal.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
        };
        return HttpResponse.<Problem>status(status).body(new Problem(status.getCode(), refusal.kind().name(), refusal.getMessage()));
    }
}
