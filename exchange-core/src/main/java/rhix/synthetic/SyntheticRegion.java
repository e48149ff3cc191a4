package rhix.synthetic;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Resource;
import rhix.identity.AdminDivisionCode;
import rhix.region.NodeId;

/**
 * Generates a region's residents and their care, streaming into a {@link RegionSink}. Each person
 * draws from a random source seeded by (seed, person key) alone, so output is the same for a seed
 * whatever the person count around it, and memory does not grow with the person count.
 */
public final class SyntheticRegion {

    /** How often {@link #generate(RegionSink, LongConsumer)} reports progress, in persons. */
    public static final int PROGRESS_EVERY = 10_000;

    private final RegionSpec spec;
    private final RegionLayout layout;
    private final SyntheticPeople people;
    private final IdentityNoise noise;
    private final Map<AdminDivisionCode, String> countyNames;

    public SyntheticRegion(RegionSpec spec) {
        this(spec, RegionLayout.zhejiangDemo());
    }

    public SyntheticRegion(RegionSpec spec, RegionLayout layout) {
        this.spec = spec;
        this.layout = layout;
        this.people = new SyntheticPeople(layout, spec.asOf());
        this.noise = new IdentityNoise(spec);
        this.countyNames = layout.counties().stream().collect(Collectors.toMap(PlatformNode::division,
                node -> node.displayName().replace("全民健康信息平台", "")));
    }

    public RegionLayout layout() {
        return layout;
    }

    public void generate(RegionSink sink) throws IOException {
        generate(sink, persons -> { });
    }

    /** Generates into {@code sink}; {@code progress} hears the number of persons done every {@value #PROGRESS_EVERY}. */
    public void generate(RegionSink sink, LongConsumer progress) throws IOException {
        sink.begin(layout, spec);
        for (Hospital hospital : layout.hospitals()) {
            sink.conceptMap(hospital, FhirRecords.conceptMap(hospital));
            sink.resource(hospital, FhirRecords.organization(hospital));
        }
        for (long personKey = 1; personKey <= spec.persons(); personKey++) {
            generatePerson(personKey, sink);
            if (personKey % PROGRESS_EVERY == 0) {
                progress.accept(personKey);
            }
        }
        progress.accept(spec.persons());
        sink.close();
    }

    private void generatePerson(long personKey, RegionSink sink) throws IOException {
        SplittableRandom random = new SplittableRandom(spec.seed() * 0x9E3779B97F4A7C15L + personKey);
        Person person = people.draw(personKey, random);
        List<Hospital> hospitals = hospitalsVisited(person, random);
        for (int visitIndex = 0; visitIndex < hospitals.size(); visitIndex++) {
            Hospital hospital = hospitals.get(visitIndex);
            RecordedIdentity recorded = noise.record(person, visitIndex, random);
            sink.resource(hospital, FhirRecords.patient(hospital, person, recorded, countyNames.get(person.homeCounty())));
            sink.groundTruth(new GroundTruthRow(personKey, hospital.node().value(), hospital.organizationCode(),
                    FhirRecords.patientId(hospital, personKey), person.residentId().value()));
            int visits = 1 + (random.nextInt(3) == 0 ? 1 : 0) + (random.nextInt(8) == 0 ? 1 : 0);
            for (int visit = 1; visit <= visits; visit++) {
                for (Resource resource : FhirRecords.visit(hospital, person, visit, spec.asOf(), random)) {
                    sink.resource(hospital, resource);
                }
            }
        }
    }

    /**
     * Everyone is seen at a hospital of their home county; some also at the other county hospital,
     * some are referred to a hospital of their city, a few to the province hospital.
     */
    private List<Hospital> hospitalsVisited(Person person, SplittableRandom random) {
        NodeId county = NodeId.of("county-" + person.homeCounty().value());
        NodeId city = NodeId.of("city-" + person.homeCounty().city().value());
        NodeId province = NodeId.of("province-" + person.homeCounty().province().value());
        List<Hospital> local = layout.hospitalsAt(county);
        LinkedHashSet<Hospital> visited = new LinkedHashSet<>();
        Hospital first = local.get(random.nextInt(local.size()));
        visited.add(first);
        if (random.nextInt(100) < 35) {
            visited.add(local.get(random.nextInt(local.size())));
        }
        List<Hospital> cityHospitals = layout.hospitalsAt(city);
        if (!cityHospitals.isEmpty() && random.nextInt(100) < 30) {
            visited.add(cityHospitals.get(random.nextInt(cityHospitals.size())));
        }
        List<Hospital> provinceHospitals = layout.hospitalsAt(province);
        if (!provinceHospitals.isEmpty() && random.nextInt(100) < 15) {
            visited.add(provinceHospitals.get(random.nextInt(provinceHospitals.size())));
        }
        return new ArrayList<>(visited);
    }
}
