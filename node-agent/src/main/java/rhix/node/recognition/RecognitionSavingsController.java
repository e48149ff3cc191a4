package rhix.node.recognition;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import rhix.recognition.query.RecognitionSavings;
import rhix.recognition.query.RecognitionSavings.HospitalSavings;

/**
 * What mutual recognition saved at this node: per requesting hospital, the decisions, the results recognised,
 * the repeat tests avoided (recognised or overridden, and not repeated anyway) and their estimated cost.
 */
@Controller("/recognition")
@ExecuteOn(TaskExecutors.BLOCKING)
public class RecognitionSavingsController {

    /** The period asked for and each hospital's figures; cost in CNY (the rule table's estimate per test). */
    @Serdeable
    public record SavingsReport(Instant from, Instant until, List<HospitalFigures> hospitals, long repeatTestsAvoided,
                                String costAvoidedCny) {
    }

    @Serdeable
    public record HospitalFigures(String requestingHospital, long decisions, long recognised, long repeatTestsAvoided,
                                  String costAvoidedCny) {
    }

    private final RecognitionSavings savings;
    private final Clock clock;

    public RecognitionSavingsController(DataSource store, Clock clock) {
        this.savings = new RecognitionSavings(store);
        this.clock = clock;
    }

    /** {@code from} and {@code until} are ISO instants; by default the last 30 days. */
    @Get(value = "/savings", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> savings(@Nullable @QueryValue String from, @Nullable @QueryValue String until) {
        Instant end;
        Instant start;
        try {
            end = until == null ? clock.instant() : Instant.parse(until);
            start = from == null ? end.minus(30, ChronoUnit.DAYS) : Instant.parse(from);
        } catch (DateTimeParseException e) {
            return HttpResponse.badRequest(java.util.Map.of("message",
                    "from and until must be ISO instants such as 2026-12-01T00:00:00Z: " + e.getParsedString()));
        }
        if (!start.isBefore(end)) {
            return HttpResponse.badRequest(java.util.Map.of("message", "from (" + start + ") must be before until (" + end + ")"));
        }
        List<HospitalSavings> hospitals = savings.between(start, end);
        long avoided = hospitals.stream().mapToLong(HospitalSavings::repeatTestsAvoided).sum();
        long fen = hospitals.stream().mapToLong(HospitalSavings::costAvoidedFen).sum();
        return HttpResponse.ok(new SavingsReport(start, end, hospitals.stream().map(hospital -> new HospitalFigures(
                hospital.requestingHospital(), hospital.decisions(), hospital.recognised(), hospital.repeatTestsAvoided(),
                cny(hospital.costAvoidedFen()))).toList(), avoided, cny(fen)));
    }

    private static String cny(long fen) {
        return java.math.BigDecimal.valueOf(fen, 2).toPlainString();
    }
}
