package rhix.node.audit;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The erasure was done but not recorded: 503, and the message says a repeat completes it. */
@Produces
@Singleton
public class ErasureExceptionHandler implements ExceptionHandler<ErasureNotRecordedException, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(ErasureExceptionHandler.class);

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ErasureNotRecordedException exception) {
        LOG.error("{} {}: {}", request.getMethod(), request.getPath(), exception.getMessage(), exception);
        return HttpResponse.<Problem>status(HttpStatus.SERVICE_UNAVAILABLE).body(new Problem(exception.getMessage()));
    }
}
