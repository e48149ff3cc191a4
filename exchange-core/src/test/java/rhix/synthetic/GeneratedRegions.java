package rhix.synthetic;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import rhix.fhir.RhixNamingSystems;

/**
 * Regions the tests share: generating and parsing one takes seconds, so each spec is generated
 * once per test run (Surefire runs the classes in one JVM).
 */
final class GeneratedRegions {

    /** The default spec at a size where rates can be asserted within a few percent. */
    static final RegionSpec STANDARD = RegionSpec.of(2000);

    private static final Map<RegionSpec, InMemoryRegionSink> REGIONS = new LinkedHashMap<>();
    private static final Map<RegionSpec, RegionSummary> SUMMARIES = new LinkedHashMap<>();

    static synchronized InMemoryRegionSink region(RegionSpec spec) {
        if (!REGIONS.containsKey(spec)) {
            InMemoryRegionSink sink = new InMemoryRegionSink();
            try {
                SUMMARIES.put(spec, new SyntheticRegion(spec).generate(sink, SyntheticRegion.NO_PROGRESS));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            REGIONS.put(spec, sink);
        }
        return REGIONS.get(spec);
    }

    static synchronized RegionSummary summary(RegionSpec spec) {
        region(spec);
        return SUMMARIES.get(spec);
    }

    static List<Patient> patients(InMemoryRegionSink region) {
        List<Patient> patients = new ArrayList<>();
        for (List<Resource> resources : region.resourcesByHospital().values()) {
            resources.stream().filter(Patient.class::isInstance).map(Patient.class::cast).forEach(patients::add);
        }
        return patients;
    }

    static Optional<String> residentIdText(Patient patient) {
        return patient.getIdentifier().stream().filter(identifier -> RhixNamingSystems.RESIDENT_ID.equals(identifier.getSystem()))
                .map(Identifier::getValue).findFirst();
    }

    static IParser strictParser() {
        return FhirContext.forR4Cached().newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    }

    private GeneratedRegions() {
    }
}
