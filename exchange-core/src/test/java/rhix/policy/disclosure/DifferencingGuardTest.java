package rhix.policy.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DifferencingGuardTest {

    private static final Instant START = Instant.parse("2026-12-02T08:00:00Z");
    private static final Duration WINDOW = Duration.ofHours(24);

    private final SettableClock clock = new SettableClock(START);
    private final DifferencingGuard guard = new DifferencingGuard(3, WINDOW, clock);

    @Test
    void refusesTheQueryAfterTheLimitOfNearIdenticalOnes() throws Exception {
        guard.admit("stats-hz", diabetesByCountyAgedUnder(40));
        guard.admit("stats-hz", diabetesByCountyAgedUnder(41));
        clock.advance(Duration.ofHours(1));
        guard.admit("stats-hz", diabetesByCountyAgedUnder(42));

        assertThatThrownBy(() -> guard.admit("stats-hz", diabetesByCountyAgedUnder(43)))
                .isInstanceOf(DifferencingRefusedException.class)
                .hasMessageContaining("differencing rule")
                .hasMessageContaining("user stats-hz has already run 3 near-identical statistics queries")
                .hasMessageContaining("within PT24H, the limit")
                .hasMessageContaining("the next such query is allowed from 2026-12-03T08:00:00Z")
                .satisfies(thrown -> {
                    DifferencingRefusedException refused = (DifferencingRefusedException) thrown;
                    assertThat(refused.limit()).isEqualTo(3);
                    assertThat(refused.allowedAgainAt()).isEqualTo(START.plus(WINDOW));
                    assertThat(refused.similarityKey()).isEqualTo(diabetesByCountyAgedUnder(0).similarityKey());
                });
    }

    @Test
    void admitsAgainOnceTheOldestQueryLeavesTheWindow() throws Exception {
        admitTimes("stats-hz", diabetesByCountyAgedUnder(40), 3);
        clock.advance(WINDOW.minusSeconds(1));
        assertThatThrownBy(() -> guard.admit("stats-hz", diabetesByCountyAgedUnder(41)))
                .isInstanceOf(DifferencingRefusedException.class);

        clock.advance(Duration.ofSeconds(1));

        assertThatCode(() -> guard.admit("stats-hz", diabetesByCountyAgedUnder(41))).doesNotThrowAnyException();
        // The window slides: the three old queries have left it, the new one counts.
        assertThatCode(() -> admitTimes("stats-hz", diabetesByCountyAgedUnder(41), 2)).doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.admit("stats-hz", diabetesByCountyAgedUnder(41)))
                .isInstanceOf(DifferencingRefusedException.class);
    }

    @Test
    void aRefusedQueryDoesNotCount() throws Exception {
        guard.admit("stats-hz", diabetesByCountyAgedUnder(40));
        clock.advance(Duration.ofHours(12));
        admitTimes("stats-hz", diabetesByCountyAgedUnder(40), 2);
        for (int attempt = 0; attempt < 5; attempt++) {
            assertThatThrownBy(() -> guard.admit("stats-hz", diabetesByCountyAgedUnder(44)))
                    .isInstanceOf(DifferencingRefusedException.class);
        }

        clock.advance(Duration.ofHours(12));

        assertThatCode(() -> guard.admit("stats-hz", diabetesByCountyAgedUnder(44))).doesNotThrowAnyException();
    }

    @Test
    void queriesOfDifferentShapesAreCountedApart() throws Exception {
        admitTimes("stats-hz", diabetesByCountyAgedUnder(40), 3);

        QueryShape byHospital = new QueryShape("diagnosis", List.of("hospital"), List.of("count(*)"), filters("age", "[0, 40)"));
        QueryShape averaging = new QueryShape("diagnosis", List.of("county"), List.of("avg(age)"), filters("age", "[0, 40)"));
        QueryShape otherColumn = new QueryShape("diagnosis", List.of("county"), List.of("count(*)"), filters("gender", "{2}"));
        QueryShape otherView = new QueryShape("lab_result", List.of("county"), List.of("count(*)"), filters("age", "[0, 40)"));

        for (QueryShape shape : List.of(byHospital, averaging, otherColumn, otherView)) {
            assertThatCode(() -> admitTimes("stats-hz", shape, 3)).as("shape %s", shape).doesNotThrowAnyException();
        }
        assertThatThrownBy(() -> guard.admit("stats-hz", diabetesByCountyAgedUnder(39)))
                .isInstanceOf(DifferencingRefusedException.class);
    }

    @Test
    void eachUserHasTheirOwnLimit() throws Exception {
        admitTimes("stats-hz", diabetesByCountyAgedUnder(40), 3);

        assertThatCode(() -> admitTimes("stats-nb", diabetesByCountyAgedUnder(41), 3)).doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.admit("stats-hz", diabetesByCountyAgedUnder(41)))
                .isInstanceOf(DifferencingRefusedException.class);
        assertThatThrownBy(() -> guard.admit("stats-nb", diabetesByCountyAgedUnder(42)))
                .isInstanceOf(DifferencingRefusedException.class)
                .hasMessageContaining("user stats-nb");
    }

    @Test
    void theSimilarityKeyIgnoresLiteralsOrderAndCaseButNotColumns() {
        QueryShape shape = new QueryShape("diagnosis", List.of("county", "age_band"), List.of("count(*)", "avg(value)"),
                filters("age", "[0, 40)", "icd10", "{E11}"));
        QueryShape reordered = new QueryShape("Diagnosis", List.of("age_band", "COUNTY"), List.of("avg(value)", "count(*)"),
                filters("ICD10", "{E10, E11}", "age", "[0, 41)"));
        QueryShape moreFilters = new QueryShape("diagnosis", List.of("county", "age_band"), List.of("count(*)", "avg(value)"),
                filters("age", "[0, 40)", "icd10", "{E11}", "gender", "{1}"));

        assertThat(reordered.similarityKey()).isEqualTo(shape.similarityKey());
        assertThat(moreFilters.similarityKey()).isNotEqualTo(shape.similarityKey());
        // Length prefixes: a column named "a,b" is not the columns a and b.
        assertThat(new QueryShape("v", List.of("a,b"), List.of(), filters()).similarityKey())
                .isNotEqualTo(new QueryShape("v", List.of("a", "b"), List.of(), filters()).similarityKey());
    }

    @Test
    void defaultsAreFiveQueriesPerDay() throws Exception {
        DifferencingGuard defaults = new DifferencingGuard(clock);
        for (int query = 0; query < DifferencingGuard.DEFAULT_MAX_SIMILAR_QUERIES; query++) {
            defaults.admit("stats-hz", diabetesByCountyAgedUnder(40 + query));
        }
        assertThatThrownBy(() -> defaults.admit("stats-hz", diabetesByCountyAgedUnder(50)))
                .isInstanceOf(DifferencingRefusedException.class)
                .hasMessageContaining("already run 5 ")
                .hasMessageContaining("PT24H");
        assertThat(DifferencingGuard.DEFAULT_WINDOW).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void refusesAMeaninglessConfiguration() {
        assertThatThrownBy(() -> new DifferencingGuard(0, WINDOW, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxSimilarQueries must be at least 1, was 0");
        assertThatThrownBy(() -> new DifferencingGuard(3, Duration.ZERO, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the differencing window must be positive, was PT0S");
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private void admitTimes(String user, QueryShape shape, int times) throws DifferencingRefusedException {
        for (int i = 0; i < times; i++) {
            guard.admit(user, shape);
        }
    }

    private static QueryShape diabetesByCountyAgedUnder(int age) {
        return new QueryShape("diagnosis", List.of("county"), List.of("count(*)"),
                filters("age", "[0, " + age + ")", "icd10", "{E11}"));
    }

    private static TreeMap<String, String> filters(String... columnsAndDomains) {
        TreeMap<String, String> filters = new TreeMap<>();
        for (int i = 0; i < columnsAndDomains.length; i += 2) {
            filters.put(columnsAndDomains[i], columnsAndDomains[i + 1]);
        }
        return filters;
    }

    /** A clock the test moves forward by hand. */
    private static final class SettableClock extends Clock {
        private Instant now;

        SettableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the test clock is UTC");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
