package rhix.node.fhir.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.LookupCodeRequest;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ValueSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.terminology.client.Answer;
import rhix.terminology.client.CodeLookup;
import rhix.terminology.client.CodeValidation;
import rhix.terminology.client.TerminologyClient;
import rhix.terminology.client.TerminologyUnavailableException;

/**
 * HAPI's validator asks the region's terminology server, through the node's cached {@link TerminologyClient},
 * about the code systems and value sets the validator does not hold itself (LOINC, ICD-10, the national and
 * hospital code systems): {@code CodeSystem/$validate-code}, {@code ValueSet/$validate-code},
 * {@code CodeSystem/$lookup}. A code the server calls unknown is an error naming the code and the system. When
 * the server does not answer, the code is not judged: the result is a warning saying so, never an exception, and
 * the server is left alone for the cool-down so one validation waits for one timeout.
 *
 * <p>Each validation collects the questions the server could not answer ({@link #collectUnanswered}), so the
 * operation's outcome can say once, at the top, that the terminology server was unavailable.
 */
public final class RegionTerminologySupport implements IValidationSupport {

    private static final Logger LOG = LoggerFactory.getLogger(RegionTerminologySupport.class);
    private static final ThreadLocal<List<String>> UNANSWERED = new ThreadLocal<>();

    private final FhirContext fhirContext;
    private final TerminologyClient client;
    private final String serverUrl;
    private final Duration coolDown;
    private final Clock clock;
    private volatile Instant quietUntil = Instant.MIN;

    public RegionTerminologySupport(FhirContext fhirContext, TerminologyClient client, String serverUrl, Duration coolDown, Clock clock) {
        this.fhirContext = fhirContext;
        this.client = client;
        this.serverUrl = serverUrl;
        this.coolDown = coolDown;
        this.clock = clock;
    }

    /** What the server could not be asked during one validation on this thread; close it when the validation ends. */
    public static Unanswered collectUnanswered() {
        UNANSWERED.set(new ArrayList<>());
        return new Unanswered();
    }

    /** The questions left unanswered since {@link #collectUnanswered}. */
    public static final class Unanswered implements AutoCloseable {

        private Unanswered() {
        }

        public List<String> questions() {
            List<String> questions = UNANSWERED.get();
            return questions == null ? List.of() : List.copyOf(questions);
        }

        @Override
        public void close() {
            UNANSWERED.remove();
        }
    }

    @Override
    public FhirContext getFhirContext() {
        return fhirContext;
    }

    @Override
    public String getName() {
        return "RHIX region terminology server " + serverUrl;
    }

    /**
     * Every code system the supports before this one in the chain (the FHIR core, UCUM, BCP-47, …) did not take:
     * the server's verdict says whether it holds the system, so an unknown system is reported with the code that
     * used it (as a warning), and a server that does not answer is reported as such, rather than the validator's
     * bare "code system not found".
     */
    @Override
    public boolean isCodeSystemSupported(ValidationSupportContext context, String system) {
        return system != null && !system.isBlank();
    }

    @Override
    public boolean isValueSetSupported(ValidationSupportContext context, String valueSetUrl) {
        if (valueSetUrl == null || valueSetUrl.isBlank()) {
            return false;
        }
        return ask(() -> client.knowsValueSet(withoutVersion(valueSetUrl))).map(Answer::value).orElse(true);
    }

    @Override
    public CodeValidationResult validateCode(ValidationSupportContext context, ConceptValidationOptions options, String system,
                                             String code, String display, String valueSetUrl) {
        if (system == null || code == null) {
            return null;
        }
        if (valueSetUrl != null && !valueSetUrl.isBlank()) {
            String url = withoutVersion(valueSetUrl);
            return ask(() -> client.validateCodeInValueSet(url, system, code))
                    .map(answer -> result(answer.value(), " in the value set '" + url + "'"))
                    .orElseGet(() -> notChecked(system, code, " in the value set '" + url + "'"));
        }
        // While the server is left alone after a failure, a verdict the client still holds (fresh or stale) stands in.
        Optional<Answer<CodeValidation>> answer = ask(() -> client.validateCode(system, code))
                .or(() -> client.cachedValidation(system, code));
        return answer.map(a -> result(a.value(), "")).orElseGet(() -> notChecked(system, code, ""));
    }

    @Override
    public CodeValidationResult validateCodeInValueSet(ValidationSupportContext context, ConceptValidationOptions options,
                                                       String system, String code, String display, IBaseResource valueSet) {
        if (!(valueSet instanceof ValueSet r4) || !r4.hasUrl()) {
            return null; // a value set without a canonical URL cannot be named to the server
        }
        return validateCode(context, options, system, code, display, r4.getUrl());
    }

    @Override
    public LookupCodeResult lookupCode(ValidationSupportContext context, LookupCodeRequest request) {
        if (request.getSystem() == null || request.getCode() == null) {
            return null;
        }
        Optional<Answer<CodeLookup>> answer = ask(() -> client.lookup(request.getSystem(), request.getCode()));
        if (answer.isEmpty()) {
            return null;
        }
        CodeLookup lookup = answer.get().value();
        LookupCodeResult result = new LookupCodeResult().setSearchedForSystem(lookup.system()).setSearchedForCode(lookup.code())
                .setFound(lookup.found());
        if (lookup.found()) {
            result.setCodeDisplay(lookup.display());
            result.setCodeSystemDisplayName(lookup.name());
        } else {
            result.setErrorMessage(lookup.message());
        }
        return result;
    }

    private CodeValidationResult result(CodeValidation verdict, String where) {
        if (verdict.valid()) {
            return new CodeValidationResult().setCode(verdict.code()).setDisplay(verdict.display())
                    .setSourceDetails("region terminology server " + serverUrl);
        }
        String reason = verdict.message() == null ? "" : " (" + verdict.message() + ")";
        if (verdict.unknownSystem()) {
            // Not a wrong code: a system the region has not loaded (yet). The code is unjudged, which is a warning.
            return verdict(IssueSeverity.WARNING, CodeValidationIssueCode.NOT_FOUND, CodeValidationIssueCoding.NOT_FOUND,
                    "The region's terminology server does not know the code system '" + verdict.system() + "', so the code '"
                            + verdict.code() + "' could not be validated" + reason);
        }
        if (!where.isEmpty()) {
            return verdict(IssueSeverity.ERROR, CodeValidationIssueCode.CODE_INVALID, CodeValidationIssueCoding.NOT_IN_VS,
                    "The code '" + verdict.code() + "' of the code system '" + verdict.system() + "' is not" + where
                            + " according to the region's terminology server" + reason);
        }
        return verdict(IssueSeverity.ERROR, CodeValidationIssueCode.CODE_INVALID, CodeValidationIssueCoding.INVALID_CODE,
                "Unknown code '" + verdict.code() + "' of the code system '" + verdict.system() + "' according to the region's "
                        + "terminology server" + reason);
    }

    /**
     * A verdict the validator reports: the core validator passes a result's issues through as they are (its
     * message alone would be dropped for codes under an example binding, such as Observation.code).
     */
    private CodeValidationResult verdict(IssueSeverity severity, CodeValidationIssueCode code, CodeValidationIssueCoding coding,
                                         String message) {
        return new CodeValidationResult().setSeverity(severity).setMessage(message)
                .addIssue(new CodeValidationIssue(message, severity, code, coding))
                .setSourceDetails("region terminology server " + serverUrl);
    }

    private CodeValidationResult notChecked(String system, String code, String where) {
        String message = "The region's terminology server (" + serverUrl + ") was unavailable: the code '" + code
                + "' of the code system '" + system + "'" + where + " was not checked";
        List<String> unanswered = UNANSWERED.get();
        if (unanswered != null) {
            unanswered.add(system + "|" + code);
        }
        return verdict(IssueSeverity.WARNING, CodeValidationIssueCode.NOT_FOUND, CodeValidationIssueCoding.NOT_FOUND, message);
    }

    private <T> Optional<Answer<T>> ask(Supplier<Answer<T>> question) {
        if (clock.instant().isBefore(quietUntil)) {
            return Optional.empty();
        }
        try {
            return Optional.of(question.get());
        } catch (TerminologyUnavailableException e) {
            quietUntil = clock.instant().plus(coolDown);
            LOG.warn("terminology server unavailable during $validate, codes not checked for {}: {}", coolDown, e.getMessage());
            return Optional.empty();
        }
    }

    private static String withoutVersion(String canonical) {
        int bar = canonical.indexOf('|');
        return bar < 0 ? canonical : canonical.substring(0, bar);
    }
}
