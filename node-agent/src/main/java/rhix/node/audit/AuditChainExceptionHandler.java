package rhix.node.audit;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.audit.chain.AuditChainException;

/** The chain could not be read or written (the database is away): 503, so a monitor retries instead of alarming. */
@Produces
@Singleton
public class AuditChainExceptionHandler implements ExceptionHandler<AuditChainException, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(AuditChainExceptionHandler.class);

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, AuditChainException exception) {
        LOG.warn("{} {}: {}", request.getMethod(), request.getPath(), exception.getMessage());
        return HttpResponse.<Problem>status(HttpStatus.SERVICE_UNAVAILABLE).body(new Problem(exception.getMessage()));
    }
}
