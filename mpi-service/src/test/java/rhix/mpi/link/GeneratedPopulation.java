package rhix.mpi.link;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Patient;
import rhix.identity.PatientTraits;
import rhix.mpi.match.IdentityRecord;
import rhix.synthetic.GroundTruthRow;
import rhix.synthetic.Hospital;
import rhix.synthetic.RegionLayout;
import rhix.synthetic.RegionSink;
import rhix.synthetic.RegionSpec;
import rhix.synthetic.RegionSummary;
import rhix.synthetic.SyntheticRegion;
import rhix.synthetic.SyntheticResource;

/**
 * A generated region's Patient records as the MPI would receive them (traits read off the FHIR Patient,
 * as nodes send them), each with the person it really is from the generator's ground truth.
 *
 * @param personOf each record's true person key, in the order of {@code records}
 */
public record GeneratedPopulation(List<IdentityRecord> records, long[] personOf, RegionSummary summary, Duration elapsed) {

    public static GeneratedPopulation generate(RegionSpec spec) {
        return generate(spec, SyntheticRegion.NO_PROGRESS);
    }

    public static GeneratedPopulation generate(RegionSpec spec, LongConsumer progress) {
        long started = System.nanoTime();
        PatientsOnly sink = new PatientsOnly();
        RegionSummary summary;
        try {
            summary = new SyntheticRegion(spec).generate(sink, progress);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<IdentityRecord> records = sink.patients.parallelStream().map(GeneratedPopulation::identity).toList();
        long[] personOf = new long[records.size()];
        for (int i = 0; i < personOf.length; i++) {
            Long person = sink.personOf.get(key(records.get(i).nodeId(), records.get(i).localId()));
            if (person == null) {
                throw new IllegalStateException("no ground-truth row for " + records.get(i).nodeId() + " " + records.get(i).localId());
            }
            personOf[i] = person;
        }
        return new GeneratedPopulation(records, personOf, summary, Duration.ofNanos(System.nanoTime() - started));
    }

    private static IdentityRecord identity(NodePatient patient) {
        PatientTraits traits = PatientTraits.of((Patient) patient.resource().toFhir());
        return IdentityRecord.of(patient.nodeId(), patient.resource().id(), traits.nameZh(), traits.namePinyin(), traits.gender(),
                traits.birthDate(), traits.residentIdText(), traits.phone(), traits.divisionCode());
    }

    private static String key(String nodeId, String patientId) {
        return nodeId + "/" + patientId;
    }

    private record NodePatient(String nodeId, SyntheticResource resource) {
    }

    /** Keeps the Patient resources and the ground truth; drops the clinical data the MPI never sees. */
    private static final class PatientsOnly implements RegionSink {

        final List<NodePatient> patients = new ArrayList<>();
        final Map<String, Long> personOf = new HashMap<>();

        @Override
        public void begin(RegionLayout layout, RegionSpec spec) {
        }

        @Override
        public void conceptMap(Hospital hospital, ConceptMap conceptMap) {
        }

        @Override
        public void resource(Hospital hospital, SyntheticResource resource) {
            if ("Patient".equals(resource.resourceType())) {
                patients.add(new NodePatient(hospital.node().value(), resource));
            }
        }

        @Override
        public void groundTruth(GroundTruthRow row) {
            personOf.put(key(row.nodeId(), row.patientResourceId()), row.personKey());
        }

        @Override
        public void close() {
        }
    }
}
