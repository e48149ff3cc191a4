package rhix.node.grant;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import rhix.events.TransitionRefusedException;
import rhix.node.grant.DataUseRequests.Problem;
import rhix.policy.RefusedColumn;
import rhix.policy.ReleaseRefusedException;
import rhix.policy.UnclassifiedColumnException;

/** How the data-use API's refusals reach the caller: a stable code, the reason, nothing stored. */
final class DataUseExceptionHandlers {

    private DataUseExceptionHandlers() {
    }

    /** The aggregate refused the step in its current state: 409 with its code (e.g. DATA_USE_STEP_OUT_OF_ORDER). */
    @Singleton
    static final class TransitionRefused implements ExceptionHandler<TransitionRefusedException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, TransitionRefusedException exception) {
            return HttpResponse.status(HttpStatus.CONFLICT).body(new Problem(exception.code(), exception.getMessage(), List.of()));
        }
    }

    /** The policy does not allow a column in the form asked: 422 naming each column and why. */
    @Singleton
    static final class ReleaseRefused implements ExceptionHandler<ReleaseRefusedException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, ReleaseRefusedException exception) {
            return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY).body(new Problem("DATA_USE_POLICY_REFUSED",
                    exception.getMessage(), exception.refusedColumns().stream().map(RefusedColumn::toString).toList()));
        }
    }

    @Singleton
    static final class Unclassified implements ExceptionHandler<UnclassifiedColumnException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, UnclassifiedColumnException exception) {
            return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY)
                    .body(new Problem("DATA_USE_COLUMN_UNCLASSIFIED", exception.getMessage(), List.of()));
        }
    }

    @Singleton
    static final class UnknownApplication implements ExceptionHandler<AggregateNotFoundException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, AggregateNotFoundException exception) {
            return HttpResponse.status(HttpStatus.NOT_FOUND).body(new Problem("DATA_USE_UNKNOWN",
                    "no application or grant '" + exception.getAggregateIdentifier() + "'", List.of()));
        }
    }
}
