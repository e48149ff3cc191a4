package rhix.node.fhir.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.OperationOutcome;
import rhix.fhir.facade.validation.ResourceValidator;
import rhix.fhir.facade.validation.ValidationRequest;
import rhix.node.terminology.CodeChecks;
import rhix.node.terminology.TerminologyConfiguration;

/**
 * The node's {@code [type]/$validate}: HAPI's instance validator against the R4 core definitions (structure,
 * cardinality, invariants, bindings to core value sets, UCUM and the other common code systems), plus the
 * region's terminology server for every other code system and value set ({@link RegionTerminologySupport}). HAPI's
 * chain caches answers for seconds only: the terminology client's cache ({@code rhix.node.terminology.fresh-for}) is
 * what decides, so a new code system or concept map version reaches $validate as it reaches ingestion.
 *
 * <p>Built on first use (loading the core definitions takes seconds), then shared: {@link FhirValidator} is
 * thread-safe. {@code rhix.node.fhir.validate.enabled=false} removes the operation.
 */
@Singleton
@Requires(property = "rhix.node.fhir.validate.enabled", notEquals = "false")
public class NodeResourceValidator implements ResourceValidator {

    /**
     * How long HAPI's chain keeps an answer (code verdicts, expansions, fetched definitions): only for the duration
     * of a validation or two. The terminology client's cache decides how long a server answer lasts.
     */
    private static final Duration CHAIN_CACHE_TIMEOUT = Duration.ofSeconds(5);

    private final FhirContext fhirContext;
    private final CodeChecks codeChecks;
    private final TerminologyConfiguration terminology;
    private final Clock clock;
    private volatile FhirValidator validator;

    public NodeResourceValidator(FhirContext fhirContext, CodeChecks codeChecks, TerminologyConfiguration terminology, Clock clock) {
        this.fhirContext = fhirContext;
        this.codeChecks = codeChecks;
        this.terminology = terminology;
        this.clock = clock;
    }

    @Override
    public OperationOutcome validate(ValidationRequest request) {
        ValidationOptions options = new ValidationOptions();
        request.profile().ifPresent(options::addProfile);
        ValidationResult result;
        List<String> unanswered;
        try (RegionTerminologySupport.Unanswered questions = RegionTerminologySupport.collectUnanswered()) {
            result = validator().validateWithResult(request.resource(), options);
            unanswered = questions.questions();
        }
        OperationOutcome outcome = (OperationOutcome) result.toOperationOutcome();
        List<OperationOutcome.OperationOutcomeIssueComponent> notes = new ArrayList<>();
        if (codeChecks.client().isEmpty()) {
            notes.add(new OperationOutcome.OperationOutcomeIssueComponent().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                    .setCode(OperationOutcome.IssueType.INFORMATIONAL).setDiagnostics("No terminology server is configured for this node "
                            + "(rhix.node.terminology.url): codes of code systems outside the FHIR core (LOINC, ICD-10, national and "
                            + "hospital codes) were not checked"));
        } else if (!unanswered.isEmpty()) {
            notes.add(new OperationOutcome.OperationOutcomeIssueComponent().setSeverity(OperationOutcome.IssueSeverity.WARNING)
                    .setCode(OperationOutcome.IssueType.TRANSIENT).setDiagnostics("The region's terminology server ("
                            + terminology.url() + ") was unavailable: " + unanswered.size() + " code(s) were not checked ("
                            + String.join(", ", unanswered.stream().distinct().toList()) + "); validate again when it is back"));
        }
        outcome.getIssue().addAll(0, notes);
        return outcome;
    }

    private FhirValidator validator() {
        FhirValidator built = validator;
        if (built == null) {
            synchronized (this) {
                built = validator;
                if (built == null) {
                    built = build();
                    validator = built;
                }
            }
        }
        return built;
    }

    private FhirValidator build() {
        List<IValidationSupport> supports = new ArrayList<>(List.of(new DefaultProfileValidationSupport(fhirContext),
                new CommonCodeSystemsTerminologyService(fhirContext), new InMemoryTerminologyServerValidationSupport(fhirContext),
                new SnapshotGeneratingValidationSupport(fhirContext)));
        Optional<RegionTerminologySupport> region = codeChecks.client().map(client -> new RegionTerminologySupport(fhirContext, client,
                terminology.url(), terminology.coolDown(), clock));
        if (region.isPresent()) {
            supports.add(region.get());
        } else {
            // Without a server, codes of systems outside the core cannot be judged: a warning each, not an error.
            UnknownCodeSystemWarningValidationSupport unknown = new UnknownCodeSystemWarningValidationSupport(fhirContext);
            unknown.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
            supports.add(unknown);
        }
        ValidationSupportChain chain = new ValidationSupportChain(
                ValidationSupportChain.CacheConfiguration.defaultValues().setCacheTimeout(CHAIN_CACHE_TIMEOUT), supports);
        FhirValidator built = fhirContext.newValidator();
        built.registerValidatorModule(new FhirInstanceValidator(chain));
        return built;
    }
}
