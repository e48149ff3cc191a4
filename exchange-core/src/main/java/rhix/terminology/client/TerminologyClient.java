package rhix.terminology.client;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.StringType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's way to the region's terminology server: {@code CodeSystem/$validate-code}, {@code CodeSystem/$lookup},
 * {@code ValueSet/$validate-code} and {@code ConceptMap/$translate} over FHIR R4, every answer cached. Nodes ask the same few thousand
 * questions over and over (each lab result carries its hospital's code), so the cache keeps ingestion fast;
 * and when the server is briefly down an expired answer stands in, marked {@link Answer.Source#STALE_CACHE}.
 * A code the server calls unknown is an answer like any other (cached too), not a failure.
 */
public final class TerminologyClient {

    private static final Logger LOG = LoggerFactory.getLogger(TerminologyClient.class);
    /**
     * The code asked for when the question is whether the server holds a code system or value set at all: the
     * answer's verdict on the code does not matter, only whether the server knew what it was asked about.
     */
    static final String PROBE_CODE = "rhix-probe-not-a-code";
    /** Set on the Parameters {@link #call} makes of a 4xx refusal: the HTTP status. */
    private static final String REFUSED_STATUS = "x-rhix-refused-status";
    /** The server's marker (tx-ecosystem) for a verdict caused by a code system it does not hold. */
    static final String CAUSED_BY_UNKNOWN_SYSTEM = "x-caused-by-unknown-system";

    private record Question(String operation, String system, String code, String target) {
    }

    private final TerminologyClientSettings settings;
    private final HttpClient http;
    private final IParser parser;
    private final AnswerCache<Question, Object> cache;
    private final AtomicLong serverCalls = new AtomicLong();
    private final AtomicLong staleAnswers = new AtomicLong();

    public TerminologyClient(TerminologyClientSettings settings) {
        this(settings, Clock.systemUTC());
    }

    TerminologyClient(TerminologyClientSettings settings, Clock clock) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
        this.parser = FhirContext.forR4Cached().newJsonParser();
        this.cache = new AnswerCache<>(clock, settings.freshFor(), settings.keepStale(), settings.maxEntries());
    }

    /** Is {@code code} a code of {@code system} (the newest version the server holds)? */
    public Answer<CodeValidation> validateCode(String system, String code) {
        Question question = new Question("validate-code", system, code, null);
        return ask(question, () -> "CodeSystem/$validate-code?url=" + encode(system) + "&code=" + encode(code),
                parameters -> validation(parameters, system, code,
                        parameters.getParameter(CAUSED_BY_UNKNOWN_SYSTEM) != null || refusedWith(parameters, 404)),
                CodeValidation.class);
    }

    /**
     * Is {@code code} of {@code system} in the value set {@code valueSetUrl} ({@code ValueSet/$validate-code})? A
     * value set the server does not hold is a verdict of "not valid" with the server's reason; ask
     * {@link #knowsValueSet} to tell it apart.
     */
    public Answer<CodeValidation> validateCodeInValueSet(String valueSetUrl, String system, String code) {
        Question question = new Question("validate-code-in-value-set", system, code, valueSetUrl);
        return ask(question, () -> "ValueSet/$validate-code?url=" + encode(valueSetUrl) + "&system=" + encode(system)
                        + "&code=" + encode(code),
                parameters -> validation(parameters, system, code, parameters.getParameter(CAUSED_BY_UNKNOWN_SYSTEM) != null),
                CodeValidation.class);
    }

    /** The code's display and its code system's name ({@code CodeSystem/$lookup}); not found is an answer too. */
    public Answer<CodeLookup> lookup(String system, String code) {
        Question question = new Question("lookup", system, code, null);
        return ask(question, () -> "CodeSystem/$lookup?system=" + encode(system) + "&code=" + encode(code),
                parameters -> parameters.getParameter(REFUSED_STATUS) != null
                        ? new CodeLookup(system, code, false, null, null, stringValue(parameters, "message").orElse(null))
                        : new CodeLookup(system, code, true, stringValue(parameters, "display").orElse(null),
                        stringValue(parameters, "name").orElse(null), null),
                CodeLookup.class);
    }

    /**
     * Does the server hold {@code system} (any version)? Asked as {@code CodeSystem/$validate-code} of a code that
     * is no code, whose answer says whether the system was unknown; cached like any answer.
     */
    public Answer<Boolean> knowsCodeSystem(String system) {
        Answer<CodeValidation> probe = validateCode(system, PROBE_CODE);
        return new Answer<>(!probe.value().unknownSystem(), probe.source());
    }

    /** Does the server hold the value set {@code valueSetUrl}? A {@code ValueSet/$validate-code} it refuses with 404 says not. */
    public Answer<Boolean> knowsValueSet(String valueSetUrl) {
        Question question = new Question("knows-value-set", valueSetUrl, null, null);
        return ask(question, () -> "ValueSet/$validate-code?url=" + encode(valueSetUrl) + "&code=" + encode(PROBE_CODE),
                parameters -> !refusedWith(parameters, 404), Boolean.class);
    }

    /** The codes of {@code targetSystem} that the region's concept maps give for {@code code} of {@code system}. */
    public Answer<Translation> translate(String system, String code, String targetSystem) {
        Question question = new Question("translate", system, code, targetSystem);
        return ask(question, () -> "ConceptMap/$translate?system=" + encode(system) + "&code=" + encode(code)
                        + "&targetsystem=" + encode(targetSystem),
                parameters -> new Translation(system, code, targets(parameters)), Translation.class);
    }

    /** {@link #translate}, asking the server even when the cache holds a fresh answer (after a mapping changed). */
    public Translation translateNow(String system, String code, String targetSystem) {
        Question question = new Question("translate", system, code, targetSystem);
        Translation translation = new Translation(system, code, targets(call("ConceptMap/$translate?system=" + encode(system)
                + "&code=" + encode(code) + "&targetsystem=" + encode(targetSystem))));
        cache.put(question, translation);
        return translation;
    }

    /** What the cache holds for {@link #validateCode}, fresh or stale, without asking the server. */
    public Optional<Answer<CodeValidation>> cachedValidation(String system, String code) {
        return peek(new Question("validate-code", system, code, null), CodeValidation.class);
    }

    /** What the cache holds for {@link #translate}, fresh or stale, without asking the server. */
    public Optional<Answer<Translation>> cachedTranslation(String system, String code, String targetSystem) {
        return peek(new Question("translate", system, code, targetSystem), Translation.class);
    }

    /** Calls made to the server so far (answers from the cache do not count). */
    public long serverCalls() {
        return serverCalls.get();
    }

    /** Answers served stale because the server did not answer. */
    public long staleAnswers() {
        return staleAnswers.get();
    }

    private <T> Optional<Answer<T>> peek(Question question, Class<T> type) {
        Optional<Object> fresh = cache.fresh(question);
        if (fresh.isPresent()) {
            return Optional.of(new Answer<>(type.cast(fresh.get()), Answer.Source.CACHE));
        }
        return cache.stale(question).map(stale -> new Answer<>(type.cast(stale), Answer.Source.STALE_CACHE));
    }

    private <T> Answer<T> ask(Question question, Supplier<String> path, Function<Parameters, T> read, Class<T> type) {
        Optional<Object> fresh = cache.fresh(question);
        if (fresh.isPresent()) {
            return new Answer<>(type.cast(fresh.get()), Answer.Source.CACHE);
        }
        try {
            T value = read.apply(call(path.get()));
            cache.put(question, value);
            return new Answer<>(value, Answer.Source.SERVER);
        } catch (TerminologyUnavailableException e) {
            Optional<Object> stale = cache.stale(question);
            if (stale.isPresent()) {
                staleAnswers.incrementAndGet();
                LOG.warn("terminology server did not answer ({}); serving a cached answer for {} {}|{}", e.getMessage(),
                        question.operation(), question.system(), question.code());
                return new Answer<>(type.cast(stale.get()), Answer.Source.STALE_CACHE);
            }
            throw e;
        }
    }

    private Parameters call(String relative) {
        URI uri = URI.create(settings.baseUrl().toString().replaceAll("/+$", "") + "/" + relative);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.timeout())
                .header("Accept", "application/fhir+json").GET().build();
        serverCalls.incrementAndGet();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TerminologyUnavailableException("terminology server " + settings.baseUrl() + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TerminologyUnavailableException("interrupted while asking " + settings.baseUrl(), e);
        }
        if (response.statusCode() >= 500) {
            throw new TerminologyUnavailableException("terminology server answered " + response.statusCode() + " for " + uri, null);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            // Not a verdict on the code: this node may not ask (no or wrong credentials), which is a configuration fault.
            throw new TerminologyUnavailableException("terminology server refused this node (" + response.statusCode()
                    + ") for " + uri + ": check its security settings", null);
        }
        try {
            if (response.statusCode() >= 400) {
                // A 4xx is the server's considered answer about the question (e.g. an unknown code system):
                // a verdict of "not valid" with the server's reason, not an outage.
                OperationOutcome outcome = parser.parseResource(OperationOutcome.class, response.body());
                Parameters refused = new Parameters();
                refused.addParameter("result", false);
                OperationOutcome.OperationOutcomeIssueComponent issue = outcome.getIssueFirstRep();
                refused.addParameter("message", issue.hasDiagnostics() ? issue.getDiagnostics() : issue.getDetails().getText());
                refused.addParameter(REFUSED_STATUS, new IntegerType(response.statusCode()));
                return refused;
            }
            return parser.parseResource(Parameters.class, response.body());
        } catch (DataFormatException e) {
            throw new TerminologyUnavailableException("terminology server sent an unreadable answer for " + uri + ": "
                    + e.getMessage(), e);
        }
    }

    private static CodeValidation validation(Parameters parameters, String system, String code, boolean unknownSystem) {
        return new CodeValidation(system, code, booleanValue(parameters, "result"), stringValue(parameters, "display").orElse(null),
                stringValue(parameters, "message").orElse(null), unknownSystem);
    }

    private static boolean refusedWith(Parameters parameters, int status) {
        ParametersParameterComponent refused = parameters.getParameter(REFUSED_STATUS);
        return refused != null && refused.getValue() instanceof IntegerType value && value.getValue() == status;
    }

    private static List<Translation.Target> targets(Parameters parameters) {
        List<Translation.Target> targets = new ArrayList<>();
        for (ParametersParameterComponent match : parameters.getParameter()) {
            if (!"match".equals(match.getName())) {
                continue;
            }
            Coding concept = null;
            String equivalence = null;
            for (ParametersParameterComponent part : match.getPart()) {
                if ("concept".equals(part.getName()) && part.getValue() instanceof Coding coding) {
                    concept = coding;
                } else if ("equivalence".equals(part.getName()) && part.getValue() instanceof CodeType value) {
                    equivalence = value.getValue();
                }
            }
            if (concept != null) {
                targets.add(new Translation.Target(concept.getSystem(), concept.getCode(), concept.getDisplay(), equivalence));
            }
        }
        return targets;
    }

    private static boolean booleanValue(Parameters parameters, String name) {
        return parameters.getParameter().stream().filter(p -> name.equals(p.getName()))
                .map(ParametersParameterComponent::getValue).filter(BooleanType.class::isInstance)
                .map(value -> ((BooleanType) value).booleanValue()).findFirst().orElse(false);
    }

    private static Optional<String> stringValue(Parameters parameters, String name) {
        return parameters.getParameter().stream().filter(p -> name.equals(p.getName()))
                .map(ParametersParameterComponent::getValue).filter(StringType.class::isInstance)
                .map(value -> ((StringType) value).getValue()).findFirst();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
