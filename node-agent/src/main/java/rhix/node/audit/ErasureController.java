package rhix.node.audit;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.sql.SQLException;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * {@code POST /privacy/erasures}: the right to erasure by crypto-shredding ({@link PersonalDataErasures}). 201 with the
 * erasure record; 200 with the first erasure's record when the person was erased before; 400 naming the missing
 * fields. Needs the event store ({@code rhix.events.enabled}): an erasure that leaves no trace is not offered.
 */
@Controller("/privacy/erasures")
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = EventStore.class)
public class ErasureController {

    private final PersonalDataErasures erasures;

    public ErasureController(PersonalDataErasures erasures) {
        this.erasures = erasures;
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> erase(@Body ErasureRequest request) throws SQLException {
        List<String> missing = request.missingFields();
        if (!missing.isEmpty()) {
            return HttpResponse.badRequest(new Problem((missing.size() == 1 ? "field " : "fields ") + String.join(", ", missing)
                    + (missing.size() == 1 ? " is" : " are") + " missing or blank; an erasure needs personRef, reason and requestedBy"));
        }
        if (request.personRef().length() > 255) {
            return HttpResponse.badRequest(new Problem("personRef is longer than 255 characters"));
        }
        ErasureRecord erasure = erasures.erase(request.personRef().strip(), request.requestedBy().strip(), request.reason().strip());
        if (erasure.alreadyErased()) {
            return HttpResponse.ok(erasure);
        }
        return HttpResponse.status(HttpStatus.CREATED).body(erasure);
    }
}
