package rhix.node.fhir.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

/** The validator the conformance checks rely on finds real errors and only warns about code systems it cannot know. */
class R4CoreValidatorTest {

    @Test
    void aMissingRequiredElementIsAnError() {
        Observation withoutStatus = new Observation();
        withoutStatus.getCode().addCoding().setSystem("http://loinc.org").setCode("2345-7");

        assertThat(R4CoreValidator.errors(withoutStatus)).extracting(SingleValidationMessage::getLocationString)
                .anyMatch(location -> location.startsWith("Observation"));
    }

    @Test
    void aCodeOutsideARequiredCoreValueSetIsAnError() {
        // As a client would receive it: HAPI's model cannot even hold the wrong code.
        String patient = "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"gender\":\"M\"}";

        assertThat(R4CoreValidator.errors(patient)).extracting(SingleValidationMessage::getLocationString)
                .contains("Patient.gender");
    }

    @Test
    void aCodeSystemTheValidatorCannotKnowIsOnlyAWarning() {
        Observation observation = validObservation();
        observation.getCode().addCoding().setSystem("http://rhix.example/CodeSystem/hospital-lab").setCode("GLU");

        assertThat(R4CoreValidator.errors(observation)).isEmpty();
        assertThat(R4CoreValidator.validate(observation)).extracting(SingleValidationMessage::getSeverity)
                .contains(ResultSeverityEnum.WARNING);
    }

    private static Observation validObservation() {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().addCoding().setSystem("http://loinc.org").setCode("2345-7");
        observation.getSubject().setReference("Patient/p1");
        return observation;
    }
}
