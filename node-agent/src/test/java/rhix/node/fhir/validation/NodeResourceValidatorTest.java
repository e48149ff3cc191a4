package rhix.node.fhir.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;
import rhix.fhir.facade.validation.ResourceValidator;
import rhix.fhir.facade.validation.ValidationRequest;
import rhix.node.fhir.FhirFacade;
import rhix.node.terminology.CodeChecks;
import rhix.node.terminology.TerminologyConfiguration;

/**
 * The node's validator on its own, where no stand-in is needed: no terminology server configured, and one that
 * does not accept connections at all; a profile the node does not hold; and a node with {@code $validate} turned off.
 */
class NodeResourceValidatorTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String LOINC = "http://loinc.org";

    @Test
    void withoutATerminologyServerCodesOutsideTheCoreAreWarningsAndTheOutcomeSaysWhy() {
        OperationOutcome outcome = validator(null).validate(request(observation("99999-9"), Optional.empty()));

        assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(IssueSeverity.INFORMATION);
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("No terminology server", "rhix.node.terminology.url");
        assertThat(errors(outcome)).isEmpty();
        assertThat(outcome.getIssue()).anySatisfy(issue -> {
            assertThat(issue.getSeverity()).isEqualTo(IssueSeverity.WARNING);
            assertThat(issue.getDiagnostics()).contains(LOINC);
        });
    }

    @Test
    void aTerminologyServerThatRefusesConnectionsIsAWarningNotAFailure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        OperationOutcome outcome = validator("http://127.0.0.1:" + closedPort + "/fhir").validate(request(observation("2345-7"), Optional.empty()));

        assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(IssueSeverity.WARNING);
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("127.0.0.1:" + closedPort, "was unavailable", LOINC + "|2345-7");
        assertThat(errors(outcome)).isEmpty();
    }

    @Test
    void aProfileTheNodeDoesNotHoldIsReportedNotIgnored() {
        String profile = "http://rhix.org.cn/fhir/StructureDefinition/lab-result";

        OperationOutcome outcome = validator(null).validate(request(observation("2345-7"), Optional.of(profile)));

        assertThat(outcome.getIssue()).anySatisfy(issue -> assertThat(issue.getDiagnostics()).contains(profile));
    }

    @Test
    void aNodeOffersValidateUnlessItIsTurnedOff() throws Exception {
        Map<String, Object> node = Map.of("rhix.node.fhir.port", 0, "rhix.node.grpc.port", 0, "micronaut.server.port", -1);
        Map<String, Object> turnedOff = new HashMap<>(node);
        turnedOff.put("rhix.node.id", "county-330188");
        turnedOff.put("rhix.node.fhir.validate.enabled", false);
        Map<String, Object> byDefault = new HashMap<>(node);
        byDefault.put("rhix.node.id", "county-330187");
        try (ApplicationContext on = ApplicationContext.run(byDefault); ApplicationContext off = ApplicationContext.run(turnedOff)) {
            assertThat(on.containsBean(ResourceValidator.class)).isTrue();
            assertThat(off.containsBean(ResourceValidator.class)).isFalse();
            assertThat(metadata(on)).contains("\"name\":\"validate\"");
            assertThat(metadata(off)).contains("CapabilityStatement").doesNotContain("\"name\":\"validate\"");
        }
    }

    /** The node's CapabilityStatement (security is off in the test environment). */
    private static String metadata(ApplicationContext node) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.getBean(FhirFacade.class).baseUrl() + "/metadata"))
                .header("Accept", "application/fhir+json").build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static NodeResourceValidator validator(String terminologyUrl) {
        TerminologyConfiguration terminology = new TerminologyConfiguration(terminologyUrl, Duration.ofSeconds(1), Duration.ofMinutes(10),
                Duration.ofDays(1), 1_000, Duration.ofSeconds(30));
        return new NodeResourceValidator(FHIR, new CodeChecks(terminology, Clock.systemUTC()), terminology, Clock.systemUTC());
    }

    private static ValidationRequest request(Observation observation, Optional<String> profile) {
        return new ValidationRequest(observation, Optional.empty(), profile);
    }

    private static List<OperationOutcomeIssueComponent> errors(OperationOutcome outcome) {
        return outcome.getIssue().stream()
                .filter(issue -> issue.getSeverity() == IssueSeverity.ERROR || issue.getSeverity() == IssueSeverity.FATAL).toList();
    }

    private static Observation observation(String loinc) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().addCoding().setSystem(LOINC).setCode(loinc);
        observation.getSubject().setReference("Patient/p1");
        observation.setValue(new Quantity().setValue(5.4).setUnit("mmol/L").setSystem("http://unitsofmeasure.org").setCode("mmol/L"));
        return observation;
    }
}
