package rhix.mpi.api.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.mpi.index.IndexTransactions;

/** The MPI store failed: 503, nothing was changed, the request can be sent again. */
@Singleton
public class IndexStoreFailureHandler implements ExceptionHandler<IndexTransactions.IndexStoreException, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(IndexStoreFailureHandler.class);

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, IndexTransactions.IndexStoreException exception) {
        LOG.error(exception.getMessage(), exception);
        return HttpResponse.<Problem>status(HttpStatus.SERVICE_UNAVAILABLE).body(new Problem(503, "STORE_UNAVAILABLE",
                exception.getMessage() + "; nothing was changed, the request can be sent again"));
    }
}
