package rhix.node.fhir.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.synthetic.InMemoryRegionSink;
import rhix.synthetic.RegionSpec;
import rhix.synthetic.SyntheticRegion;
import rhix.synthetic.SyntheticResource;

/**
 * Everything the synthetic region generator writes — the data every test, benchmark and the demo load
 * into the nodes, and so what the FHIR API serves — validates against the R4 core profiles with zero
 * errors: each resource type of every hospital, and each hospital's ConceptMap.
 */
class SyntheticRegionConformanceTest {

    private static final Logger LOG = LoggerFactory.getLogger(SyntheticRegionConformanceTest.class);

    @Test
    void everyGeneratedResourceValidatesAgainstTheR4CoreProfiles() throws Exception {
        InMemoryRegionSink sink = new InMemoryRegionSink();
        new SyntheticRegion(RegionSpec.of(30).withSeed(7)).generate(sink);

        List<String> errors = new ArrayList<>();
        Map<String, Integer> warningsByKind = new TreeMap<>();
        int validated = 0;
        for (Map.Entry<String, List<SyntheticResource>> hospital : sink.recordsByHospital().entrySet()) {
            for (SyntheticResource resource : hospital.getValue()) {
                validated++;
                for (SingleValidationMessage message : R4CoreValidator.validate(resource.toJson())) {
                    if (R4CoreValidator.isError(message)) {
                        errors.add(hospital.getKey() + " " + resource.reference() + " at " + message.getLocationString() + ": "
                                + message.getMessage());
                    } else if (message.getSeverity() == ResultSeverityEnum.WARNING) {
                        warningsByKind.merge(resource.resourceType() + ": " + message.getMessageId(), 1, Integer::sum);
                    }
                }
            }
        }
        // What the validator could not check (e.g. codes of systems it does not know) stays visible in the log.
        LOG.info("warnings by resource type and kind: {}", warningsByKind);
        sink.conceptMaps().forEach((hospital, conceptMap) -> R4CoreValidator.errors(conceptMap).forEach(error ->
                errors.add(hospital + " ConceptMap at " + error.getLocationString() + ": " + error.getMessage())));

        LOG.info("validated {} generated resources and {} concept maps against the R4 core profiles: {} errors",
                validated, sink.conceptMaps().size(), errors.size());
        assertThat(validated).isGreaterThan(100);
        assertThat(errors).as("R4 validation errors in the generated region").isEmpty();
    }
}
