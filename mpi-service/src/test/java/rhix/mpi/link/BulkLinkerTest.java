package rhix.mpi.link;

import static org.assertj.core.api.Assertions.assertThat;
import static rhix.mpi.link.LinkageRecords.BORN;
import static rhix.mpi.link.LinkageRecords.model;
import static rhix.mpi.link.LinkageRecords.record;
import static rhix.mpi.link.LinkageRecords.residentId;
import static rhix.mpi.link.LinkageRecords.withBrokenCheckCharacter;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import rhix.mpi.link.LinkageResult.ReviewPair;
import rhix.mpi.link.LinkageResult.ReviewReason;
import rhix.mpi.match.Agreement;
import rhix.mpi.match.FellegiSunterModel;
import rhix.mpi.match.IdentityRecord;
import rhix.mpi.match.Trait;
import rhix.synthetic.RegionSpec;

/** The bulk linker on a generated region against its ground truth, and on hand-made cases of its rules. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkLinkerTest {

    private static final String ID = residentId("330102", BORN, 123);
    private static final String OTHER_ID = residentId("330102", BORN, 456);

    private GeneratedPopulation region;

    @BeforeAll
    void generateRegion() {
        region = GeneratedPopulation.generate(RegionSpec.of(3_000));
    }

    @Test
    void reachesF1OfAtLeast098AtDefaultNoiseAndFindsMoreThanTheDeterministicBaseline() {
        LinkageResult result = new BulkLinker().link(region.records());
        PairwiseEvaluation probabilistic = PairwiseEvaluation.of(result.clusterOf(), region.personOf());
        PairwiseEvaluation baseline = PairwiseEvaluation.of(new DeterministicLinker().link(region.records()).clusterOf(),
                region.personOf());

        assertThat(probabilistic.f1()).as(LinkageDiagnostics.describe(region, result, 10)).isGreaterThanOrEqualTo(0.98);
        assertThat(probabilistic.recall()).isGreaterThan(baseline.recall());
        assertThat(probabilistic.precision()).isGreaterThanOrEqualTo(0.99);
        assertThat(result.model().supplied()).isFalse();
        assertThat(result.model().converged()).isTrue();
        assertThat(result.counts().candidatePairs()).isGreaterThanOrEqualTo(probabilistic.truePositivePairs() / 2);
        assertThat(result.clusterCount()).isEqualTo(Arrays.stream(result.clusterOf()).distinct().count());
    }

    @Test
    void reportsEveryPhaseInOrderWithCountsThatOnlyGrowToTheirTotal() {
        record Event(LinkagePhase phase, long done, long total) {
        }
        List<Event> events = new ArrayList<>();
        LinkageResult result = new BulkLinker().link(region.records(),
                (phase, done, total) -> {
                    synchronized (events) {
                        events.add(new Event(phase, done, total));
                    }
                });

        assertThat(events.stream().map(Event::phase).distinct()).containsExactly(LinkagePhase.values());
        for (int i = 1; i < events.size(); i++) {
            Event previous = events.get(i - 1);
            Event current = events.get(i);
            assertThat(current.phase().ordinal()).isGreaterThanOrEqualTo(previous.phase().ordinal());
            if (current.phase() == previous.phase()) {
                assertThat(current.done()).as("%s after %s", current, previous).isGreaterThan(previous.done());
                assertThat(current.total()).isEqualTo(previous.total());
            }
        }
        for (LinkagePhase phase : LinkagePhase.values()) {
            Event last = events.stream().filter(e -> e.phase() == phase).reduce((a, b) -> b).orElseThrow();
            assertThat(last.done()).as("%s ends at its total", phase).isEqualTo(last.total());
        }
        assertThat(events.stream().filter(e -> e.phase() == LinkagePhase.BLOCKING).findFirst().orElseThrow().total())
                .isEqualTo(region.records().size());
        assertThat(events.stream().filter(e -> e.phase() == LinkagePhase.COMPARING).findFirst().orElseThrow().total())
                .isEqualTo(result.counts().candidatePairs());
        assertThat(result.timings()).containsOnlyKeys(LinkagePhase.values());
    }

    @Test
    void givesTheSameClustersOnEveryRunWhateverTheThreadsDid() {
        LinkageResult first = new BulkLinker().link(region.records());
        LinkageResult second = new BulkLinker().link(region.records());

        assertThat(second.clusterOf()).isEqualTo(first.clusterOf());
        assertThat(second.links()).isEqualTo(first.links());
    }

    @Test
    void anInvalidResidentIdNeverLinksRecordsOnItsOwn() {
        String invalid = withBrokenCheckCharacter(ID);
        List<IdentityRecord> records = List.of(
                record("a", "王芳", "wang fang", BORN, ID, "13800001111", "330102"),
                record("b", "李雷", "li lei", LocalDate.of(1990, 5, 1), invalid, "13911112222", "330102"),
                record("c", "赵敏", "zhao min", LocalDate.of(1975, 9, 9), invalid, "13722223333", "330102"));

        LinkageResult result = new BulkLinker(LinkageOptions.defaults().withModel(model())).link(records);

        assertThat(records.get(1).hasInvalidResidentId()).isTrue();
        assertThat(result.counts().candidatePairs()).isZero();
        assertThat(result.clusterOf()).containsExactly(0, 1, 2);
    }

    @Test
    void aHomophoneNameWithTheSameBirthDateButNothingElseGoesToReviewNotToALink() {
        List<IdentityRecord> records = List.of(
                record("a", "王芳", "wang fang", BORN, null, "13800001111", "330102"),
                record("b", "汪芳", "wang fang", BORN, null, "13955556666", "330225"));

        LinkageResult result = new BulkLinker(LinkageOptions.defaults().withModel(model())).link(records);

        assertThat(result.links()).isEmpty();
        assertThat(result.clusterOf()).containsExactly(0, 1);
        assertThat(result.reviewPairs()).singleElement().satisfies(pair -> {
            assertThat(pair.reason()).isEqualTo(ReviewReason.REVIEW_BAND);
            assertThat(pair.matchProbability()).isGreaterThanOrEqualTo(LinkageOptions.DEFAULT_REVIEW_PROBABILITY)
                    .isLessThan(LinkageOptions.DEFAULT_LINK_PROBABILITY);
            assertThat(List.of(pair.left(), pair.right())).containsExactly(0, 1);
        });
    }

    @Test
    void aPairWhoseTraitsSpeakAgainstAMatchIsNotLinkedJustBecauseMatchesAreCommonAmongCandidates() {
        List<IdentityRecord> records = List.of(
                record("a", "王芳", "wang fang", BORN, null, "13800001111", "330102"),
                record("b", "汪芳", "wang fang", LocalDate.of(1968, 7, 3), null, "13955556666", "330225"));
        FellegiSunterModel nearlyAllMatches = new FellegiSunterModel(model().m(), model().u(), 0.999);
        LinkageOptions options = LinkageOptions.defaults().withModel(nearlyAllMatches);

        LinkageResult guarded = new BulkLinker(options).link(records);
        LinkageResult probabilityOnly = new BulkLinker(options.withMinLinkScore(Double.NEGATIVE_INFINITY)).link(records);

        assertThat(guarded.reviewPairs()).singleElement().satisfies(pair -> {
            assertThat(pair.score()).isNegative();
            assertThat(pair.matchProbability()).isGreaterThan(LinkageOptions.DEFAULT_LINK_PROBABILITY);
            assertThat(pair.reason()).isEqualTo(ReviewReason.REVIEW_BAND);
        });
        assertThat(guarded.clusterOf()).containsExactly(0, 1);
        assertThat(probabilityOnly.clusterOf()).containsExactly(0, 0);
    }

    @Test
    void twoPeopleWithTheirOwnResidentIdsStayApartHoweverAlikeTheRestIs() {
        List<IdentityRecord> records = List.of(
                record("a", "王芳", "wang fang", BORN, ID, "13800001111", "330102"),
                record("b", "王芳", "wang fang", BORN, OTHER_ID, "13800001111", "330102"),
                record("c", "王芳", "wang fang", BORN, null, "13800001111", "330102"));
        LinkageOptions options = LinkageOptions.defaults().withModel(model());

        LinkageResult guarded = new BulkLinker(options).link(records);
        LinkageResult unguarded = new BulkLinker(options.withConflictingResidentIdsRefused(false)).link(records);

        // The ID-less record joins the first of the two (ties go in record order); b may join neither.
        assertThat(guarded.clusterOf()).containsExactly(0, 1, 0);
        assertThat(guarded.counts().conflictsRefused()).isEqualTo(2);
        assertThat(guarded.reviewPairs()).extracting(ReviewPair::reason)
                .containsOnly(ReviewReason.CONFLICTING_RESIDENT_IDS).hasSize(2);
        assertThat(unguarded.clusterOf()).containsExactly(0, 0, 0);
    }

    @Test
    void twoTyposOfOnePersonsIdDoNotKeepTheirRecordsApart() {
        // Digits ten places apart weigh the same in GB 11643's checksum: both typos are valid numbers.
        String typoOne = swapped(ID, 3, 13);
        String typoTwo = swapped(ID, 4, 14);
        List<IdentityRecord> records = List.of(
                record("a", "王芳", "wang fang", BORN, ID, "13800001111", "330102"),
                record("b", "王芳", "wang fang", BORN, typoOne, "13800001111", "330102"),
                record("c", "王芳", "wang fang", BORN, typoTwo, "13800001111", "330102"));

        LinkageResult result = new BulkLinker(LinkageOptions.defaults().withModel(model())).link(records);

        assertThat(records).extracting(IdentityRecord::residentId).doesNotContainNull();
        assertThat(Trait.RESIDENT_ID.compare(records.get(1), records.get(2))).isEqualTo(Agreement.DISAGREE);
        assertThat(result.clusterOf()).containsExactly(0, 0, 0);
        assertThat(result.counts().conflictsRefused()).isZero();
    }

    /** Two characters swapped, as a clerk's typo; the check character is left as it was. */
    private static String swapped(String id, int i, int j) {
        char[] characters = id.toCharArray();
        char held = characters[i];
        characters[i] = characters[j];
        characters[j] = held;
        return new String(characters);
    }
}
