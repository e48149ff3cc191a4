package rhix.node.terminology;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import rhix.node.quality.FindingStatus;
import rhix.node.quality.QualityFindingRepository;
import rhix.node.quality.QualityFindingRepository.SubjectCount;
import rhix.terminology.client.TerminologyUnavailableException;
import rhix.terminology.client.Translation;

/**
 * The mapping work list: the local result codes seen at ingestion that the region's concept maps do not take to
 * LOINC (open findings of rule V04), per hospital, most frequent first. Once an administrator has published a
 * mapping (a new ConceptMap version at the terminology server), a re-check asks the server again, bypassing the
 * cache, and resolves the findings of every code now mapped.
 */
@Controller("/terminology/unmapped")
public class UnmappedCodesController {

    static final String RULE = "V04";
    private static final int MAXIMUM = 1_000;

    private final QualityFindingRepository findings;
    private final CodeChecks codes;
    private final Clock clock;

    public UnmappedCodesController(QualityFindingRepository findings, CodeChecks codes, Clock clock) {
        this.findings = findings;
        this.codes = codes;
        this.clock = clock;
    }

    /** One unmapped local code of one hospital. */
    @Serdeable
    public record UnmappedCode(String producer, String system, String code, long openFindings, OffsetDateTime firstSeen,
                               OffsetDateTime lastSeen, String example) {

        static UnmappedCode of(SubjectCount count) {
            int bar = count.subject().lastIndexOf('|');
            return new UnmappedCode(count.producerId(), count.subject().substring(0, bar), count.subject().substring(bar + 1),
                    count.openFindings(), count.firstFoundAt(), count.lastFoundAt(), count.example());
        }
    }

    /** What a re-check found: codes now mapped (their findings resolved), codes still unmapped. */
    @Serdeable
    public record Recheck(int checked, List<String> nowMapped, int findingsResolved, int stillUnmapped) {
    }

    @Get
    public List<UnmappedCode> list(@Nullable @QueryValue String producer, @QueryValue(defaultValue = "100") int limit)
            throws SQLException {
        if (limit < 1 || limit > MAXIMUM) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "limit must be 1.." + MAXIMUM + ", was " + limit);
        }
        return findings.openBySubject(RULE, Optional.ofNullable(producer).filter(p -> !p.isBlank()), limit).stream()
                .map(UnmappedCode::of).toList();
    }

    @Post("/recheck")
    public Recheck recheck(@QueryValue String producer) throws SQLException {
        if (!codes.configured()) {
            throw new HttpStatusException(HttpStatus.CONFLICT, "no terminology server configured (rhix.node.terminology.url)");
        }
        List<UnmappedCode> open = list(producer, MAXIMUM);
        List<String> nowMapped = new ArrayList<>();
        int resolved = 0;
        for (UnmappedCode unmapped : open) {
            Translation translation;
            try {
                translation = codes.toLoincNow(unmapped.system(), unmapped.code()).orElseThrow();
            } catch (TerminologyUnavailableException e) {
                throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, "terminology server unavailable: " + e.getMessage()
                        + "; nothing was changed");
            }
            if (!translation.targets().isEmpty()) {
                Translation.Target target = translation.targets().getFirst();
                resolved += findings.closeAllAbout(RULE, unmapped.producer(), unmapped.system() + "|" + unmapped.code(),
                        FindingStatus.RESOLVED, "mapped to " + target.system() + "|" + target.code() + " by the region's concept maps",
                        OffsetDateTime.now(clock));
                nowMapped.add(unmapped.code());
            }
        }
        return new Recheck(open.size(), nowMapped, resolved, open.size() - nowMapped.size());
    }
}
