package rhix.synthetic;

import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.UriType;

/** Each hospital's local lab codes mapped to LOINC: one ConceptMap per hospital, every code it uses. */
final class ConceptMaps {

    static final String CANONICAL_BASE = "http://rhix.org.cn/fhir/ConceptMap/";

    static ConceptMap labToLoinc(HospitalConventions conventions) {
        Hospital hospital = conventions.hospital();
        String source = conventions.labCodeSystem();
        ConceptMap map = new ConceptMap();
        map.setId(hospital.idPrefix() + "-lab-to-loinc");
        map.setUrl(CANONICAL_BASE + hospital.idPrefix() + "-lab-to-loinc");
        map.setName("LabToLoinc" + hospital.organizationCode());
        map.setTitle(hospital.name() + "检验项目与LOINC对照");
        map.setStatus(Enumerations.PublicationStatus.ACTIVE);
        map.setSource(new UriType(source));
        map.setTarget(new UriType(ClinicalCatalog.LOINC));
        ConceptMap.ConceptMapGroupComponent group = map.addGroup().setSource(source).setTarget(ClinicalCatalog.LOINC);
        for (int index = 0; index < LabCatalog.TESTS.size(); index++) {
            LabCatalog.LocalLabCode local = conventions.labCode(index);
            // The LOINC code for the test in the unit this hospital reports: glucose in mg/dL is 2345-7, not 14749-6.
            group.addElement().setCode(local.code()).setDisplay(local.display()).addTarget()
                    .setCode(local.unit().loinc()).setDisplay(local.unit().loincDisplay())
                    .setEquivalence(Enumerations.ConceptMapEquivalence.EQUIVALENT);
        }
        return map;
    }

    private ConceptMaps() {
    }
}
