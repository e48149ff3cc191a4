package rhix.terminology.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rhix.terminology.api.fhir.TerminologyFhirServer;

/** Every interaction with the terminology FHIR API leaves an AuditEvent in the day's NDJSON file, refusals too. */
class TerminologyAccessAuditTest {

    private static final String SYSTEM = "http://hospital-c.example.org/fhir/CodeSystem/exam";

    @Test
    void writesOperationsAndRefusalsAreKept(@TempDir Path auditDirectory) throws Exception {
        try (ApplicationContext application = ApplicationContext.run(Map.of("rhix.terminology.fhir.port", 0,
                "rhix.terminology.fhir.host", "127.0.0.1", "rhix.terminology.fhir.security.enabled", false,
                "rhix.terminology.store.path", "", "rhix.terminology.store.load-shipped-content", false,
                "rhix.terminology.sparql.enabled", false, "rhix.terminology.audit.directory", auditDirectory.toString()))) {
            FhirContext fhir = FhirContext.forR4Cached();
            fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
            IGenericClient client = fhir.newRestfulGenericClient(application.getBean(TerminologyFhirServer.class).baseUrl());

            CodeSystem exams = new CodeSystem().setUrl(SYSTEM).setVersion("1").setStatus(Enumerations.PublicationStatus.ACTIVE)
                    .setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
            exams.addConcept().setCode("CT-HEAD").setDisplay("头颅CT");
            client.create().resource(exams).execute();
            client.operation().onType(CodeSystem.class).named("$lookup").withParameter(Parameters.class, "system", new UriType(SYSTEM))
                    .andParameter("code", new CodeType("CT-HEAD")).execute();
            assertThatThrownBy(() -> client.create().resource(exams.copy().setStatus(null)).execute())
                    .isInstanceOf(UnprocessableEntityException.class);

            AuditTrail trail = application.getBean(AuditTrail.class);
            trail.flush(5_000);
            List<AuditEvent> events = trail.day(LocalDate.now(ZoneOffset.UTC));

            assertThat(events).hasSize(3);
            assertThat(events).extracting(event -> event.getSubtypeFirstRep().getCode())
                    .containsExactly("create", "extended-operation-type", "create");
            assertThat(events).extracting(event -> event.getOutcome() == AuditEvent.AuditEventOutcome._0)
                    .containsExactly(true, true, false);
            assertThat(events.getFirst().getAction()).isEqualTo(AuditEvent.AuditEventAction.C);
            assertThat(events.getFirst().getSource().getObserver().getDisplay()).isEqualTo("terminology");
            assertThat(events.getLast().getOutcomeDesc()).contains("status");
            assertThat(auditDirectory.resolve("audit-" + LocalDate.now(ZoneOffset.UTC) + ".ndjson")).exists();
        }
    }
}
