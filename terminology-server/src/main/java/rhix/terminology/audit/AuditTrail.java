package rhix.terminology.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.fhir.facade.audit.BatchingAuditSink;

/**
 * The terminology server's access log: who read, searched, created, replaced or deleted which code system,
 * value set or concept map, and who ran which operation (AuditEvents from fhir-facade's
 * {@code AccessAuditInterceptor}). The server has no relational store, and its TDB2 dataset is readable over
 * SPARQL, so the trail is kept apart: appended as FHIR NDJSON, one file per UTC day, a batch per write.
 */
public final class AuditTrail extends BatchingAuditSink {

    private static final Logger LOG = LoggerFactory.getLogger("rhix.terminology.audit");

    private final Optional<Path> directory;
    private final IParser parser = FhirContext.forR4Cached().newJsonParser().setPrettyPrint(false);

    public AuditTrail(AuditConfiguration configuration) {
        super("terminology-audit");
        this.directory = configuration.directory() == null || configuration.directory().isBlank()
                ? Optional.empty() : Optional.of(Path.of(configuration.directory()));
    }

    @Override
    protected void store(List<AuditEvent> events) throws IOException {
        List<String> lines = new ArrayList<>(events.size());
        for (AuditEvent event : events) {
            lines.add(parser.encodeResourceToString(event));
        }
        if (directory.isEmpty()) {
            lines.forEach(line -> LOG.info("{}", line));
            return;
        }
        Files.createDirectories(directory.get());
        Files.write(dayFile(LocalDate.now(ZoneOffset.UTC)), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    /** The events kept for one UTC day, oldest first; none when the trail goes to the log only. */
    public List<AuditEvent> day(LocalDate day) throws IOException {
        if (directory.isEmpty() || !Files.exists(dayFile(day))) {
            return List.of();
        }
        List<AuditEvent> events = new ArrayList<>();
        for (String line : Files.readAllLines(dayFile(day), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                events.add(parser.parseResource(AuditEvent.class, line));
            }
        }
        return events;
    }

    private Path dayFile(LocalDate day) {
        return directory.orElseThrow().resolve("audit-" + day + ".ndjson");
    }
}
