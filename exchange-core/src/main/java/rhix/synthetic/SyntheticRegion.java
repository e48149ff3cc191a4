package rhix.synthetic;

import java.io.IOException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import rhix.identity.AdminDivisionCode;
import rhix.synthetic.HospitalRecords.OrganizationRecord;
import rhix.synthetic.HospitalRecords.PatientRecord;
import rhix.synthetic.HospitalRecords.PostalAddress;

/**
 * Generates a region's residents and their care, streaming into a {@link RegionSink}:
 * {@code new SyntheticRegion(RegionSpec.of(1000)).generate(new DirectoryRegionSink(dir))}.
 *
 * <p>Each person draws from a random source seeded by (seed, person key) alone, and whatever must be
 * unique across persons (resident ID numbers, hospital patient numbers) comes from keyed
 * permutations of the person key, so nothing is remembered between persons: memory does not grow
 * with the person count, and the same spec gives the same output byte for byte.
 */
public final class SyntheticRegion {

    /** How often {@link #generate(RegionSink, LongConsumer)} reports progress, in persons. */
    public static final int PROGRESS_EVERY = 10_000;

    private final RegionSpec spec;
    private final RegionLayout layout;
    private final SyntheticPeople people;
    private final IdentityNoise noise;
    private final CarePathways care;
    private final Map<String, HospitalConventions> conventions = new LinkedHashMap<>();
    private final Map<AdminDivisionCode, String> divisionNames = new LinkedHashMap<>();

    public SyntheticRegion(RegionSpec spec) {
        this(spec, RegionLayout.zhejiangDemo());
    }

    /** A region on another layout: it needs counties, each with its city and province among the nodes. */
    public SyntheticRegion(RegionSpec spec, RegionLayout layout) {
        requireAddressable(layout);
        this.spec = spec;
        this.layout = layout;
        this.people = new SyntheticPeople(layout, spec);
        this.noise = new IdentityNoise(spec);
        this.care = new CarePathways(layout, spec.asOf());
        layout.hospitals().forEach(hospital -> conventions.put(hospital.organizationCode(),
                new HospitalConventions(hospital, spec.seed())));
        layout.nodes().forEach(node -> divisionNames.put(node.division(), node.divisionName()));
    }

    public RegionSpec spec() {
        return spec;
    }

    public RegionLayout layout() {
        return layout;
    }

    /** Reports nowhere, for {@link #generate(RegionSink, LongConsumer)} callers that only want the summary. */
    public static final LongConsumer NO_PROGRESS = persons -> { };

    /**
     * Generates into {@code sink} and closes it. (Stays {@code void}: the demo and node-agent were
     * compiled against it; the summary comes from the other overload.)
     */
    public void generate(RegionSink sink) throws IOException {
        generate(sink, NO_PROGRESS);
    }

    /**
     * Generates into {@code sink}, closes it and says what it generated; {@code progress} hears the
     * number of persons done every {@value #PROGRESS_EVERY} persons and at the end.
     */
    public RegionSummary generate(RegionSink sink, LongConsumer progress) throws IOException {
        Tally tally = new Tally();
        try (sink) {
            sink.begin(layout, spec);
            for (Hospital hospital : layout.hospitals()) {
                sink.conceptMap(hospital, ConceptMaps.labToLoinc(conventions.get(hospital.organizationCode())));
            }
            for (Hospital hospital : layout.hospitals()) {
                emit(sink, tally, hospital, new OrganizationRecord(conventions.get(hospital.organizationCode()).organizationId(),
                        hospital, address(hospital.division(), null)));
            }
            for (long personKey = 1; personKey <= spec.persons(); personKey++) {
                generatePerson(personKey, sink, tally);
                if (personKey % PROGRESS_EVERY == 0) {
                    progress.accept(personKey);
                }
            }
        }
        progress.accept(spec.persons());
        return tally.summary(spec.persons(), layout);
    }

    private void generatePerson(long personKey, RegionSink sink, Tally tally) throws IOException {
        SplittableRandom random = new SplittableRandom(spec.seed() * 0x9E3779B97F4A7C15L + personKey);
        Person person = people.draw(personKey, random);
        List<CarePathways.Stay> stays = care.plan(person, random);
        PostalAddress home = address(person.homeCounty(), person.street());
        for (int hospitalIndex = 0; hospitalIndex < stays.size(); hospitalIndex++) {
            CarePathways.Stay stay = stays.get(hospitalIndex);
            Hospital hospital = stay.hospital();
            HospitalConventions local = conventions.get(hospital.organizationCode());
            RecordedIdentity recorded = noise.record(person, hospitalIndex, random);
            tally.identity(hospitalIndex, recorded);
            String patientNumber = local.patientNumber(personKey);
            String patientId = local.patientId(patientNumber);
            emit(sink, tally, hospital, new PatientRecord(patientId, hospital.organizationCode(), patientNumber, recorded,
                    person.gender(), home, "Organization/" + local.organizationId()));
            tally.patient(hospital);
            sink.groundTruth(new GroundTruthRow(personKey, hospital.node().value(), hospital.organizationCode(), patientId,
                    person.residentId().value()));
            List<CarePathways.Visit> visits = stay.visits();
            for (int visit = 0; visit < visits.size(); visit++) {
                for (SyntheticResource resource : ClinicalEpisodes.visit(local, patientId, visit + 1, visits.get(visit), random)) {
                    emit(sink, tally, hospital, resource);
                }
            }
        }
    }

    private static void emit(RegionSink sink, Tally tally, Hospital hospital, SyntheticResource resource) throws IOException {
        sink.resource(hospital, resource);
        tally.resource(hospital);
    }

    /** Residents live in counties; their addresses name the county's city and province, so those need nodes too. */
    private static void requireAddressable(RegionLayout layout) {
        if (layout.counties().isEmpty()) {
            throw new IllegalArgumentException("the layout has no county for residents to live in");
        }
        for (PlatformNode county : layout.counties()) {
            for (AdminDivisionCode above : List.of(county.division().city(), county.division().province())) {
                if (layout.nodeFor(above).isEmpty()) {
                    throw new IllegalArgumentException("county " + county.id() + " has no node for its division " + above);
                }
            }
        }
        for (Hospital hospital : layout.hospitals()) {
            if (layout.nodeFor(hospital.division().province()).isEmpty()) {
                throw new IllegalArgumentException("hospital " + hospital.organizationCode() + " is outside the layout's provinces");
            }
        }
    }

    /** An address in {@code division}: the province, the city and county names where the division has them. */
    private PostalAddress address(AdminDivisionCode division, String street) {
        String province = divisionNames.get(division.province());
        String city = division.level() == AdminDivisionCode.Level.PROVINCE ? null : divisionNames.get(division.city());
        String county = division.level() == AdminDivisionCode.Level.COUNTY ? divisionNames.get(division) : null;
        return new PostalAddress(province, city, county, street, division);
    }

    /** Counts as the run goes: per hospital, and how much noise went in. */
    private static final class Tally {
        private final Map<String, long[]> perHospital = new LinkedHashMap<>();
        private final Map<NoiseKind, Long> noise = new EnumMap<>(NoiseKind.class);
        private long laterRecords;
        private long noisyLaterRecords;

        void resource(Hospital hospital) {
            counts(hospital)[1]++;
        }

        void patient(Hospital hospital) {
            counts(hospital)[0]++;
        }

        void identity(int hospitalIndex, RecordedIdentity recorded) {
            recorded.noise().forEach(kind -> noise.merge(kind, 1L, Long::sum));
            if (hospitalIndex > 0) {
                laterRecords++;
                if (recorded.noise().stream().anyMatch(NoiseKind::isIdentityNoise)) {
                    noisyLaterRecords++;
                }
            }
        }

        private long[] counts(Hospital hospital) {
            return perHospital.computeIfAbsent(hospital.organizationCode(), code -> new long[2]);
        }

        RegionSummary summary(long persons, RegionLayout layout) {
            List<RegionSummary.HospitalTally> hospitals = layout.hospitals().stream().map(hospital -> {
                long[] counts = perHospital.getOrDefault(hospital.organizationCode(), new long[2]);
                return new RegionSummary.HospitalTally(hospital, counts[0], counts[1]);
            }).toList();
            return new RegionSummary(persons, hospitals, noise, laterRecords, noisyLaterRecords);
        }
    }
}
