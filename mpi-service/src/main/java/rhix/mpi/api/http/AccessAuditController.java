package rhix.mpi.api.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Optional;
import rhix.mpi.audit.AccessAuditLog;
import rhix.mpi.index.IndexRefusal;
import rhix.mpi.index.IndexTransactions;

/**
 * The access audit trail of the MPI's FHIR API, newest first: who asked ($match, PIXm, PDQm, read), why,
 * and what came of it. Each entry carries its AuditEvent as FHIR JSON.
 */
@Controller("/mpi/audit")
public class AccessAuditController {

    private static final int MAXIMUM_PAGE = 500;

    private final AccessAuditLog audit;
    private final IndexTransactions transactions;

    public AccessAuditController(AccessAuditLog audit, IndexTransactions transactions) {
        this.audit = audit;
        this.transactions = transactions;
    }

    /** @param next the {@code before} that reads the following page; null on the last one */
    @Serdeable
    public record AuditPage(List<AccessAuditLog.Entry> entries, Long next) {
    }

    @Get
    public AuditPage list(@Nullable @QueryValue String subject, @Nullable @QueryValue Long before,
                          @QueryValue(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAXIMUM_PAGE) {
            throw new IndexRefusal(IndexRefusal.Kind.INVALID, "limit must be 1.." + MAXIMUM_PAGE + ", was " + limit);
        }
        List<AccessAuditLog.Entry> entries = transactions.read(connection ->
                audit.recent(connection, Optional.ofNullable(subject).filter(value -> !value.isBlank()),
                        Optional.ofNullable(before), limit));
        return new AuditPage(entries, entries.size() == limit ? entries.getLast().sequence() : null);
    }
}
