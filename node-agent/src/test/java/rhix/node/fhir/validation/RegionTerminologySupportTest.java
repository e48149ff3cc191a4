package rhix.node.fhir.validation;

import static rhix.node.terminology.TerminologyStandIn.answer;
import static rhix.node.terminology.TerminologyStandIn.query;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport.CodeValidationResult;
import ca.uhn.fhir.context.support.LookupCodeRequest;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rhix.terminology.client.TerminologyClient;
import rhix.terminology.client.TerminologyClientSettings;

/**
 * The validator's way to the region's terminology server, asked directly as HAPI's chain asks it, against a
 * stand-in for the remote server: value-set bindings, lookups, a code published while the node runs, and a server
 * that stops answering. Answers are not kept fresh here ({@code freshFor} zero), as a node whose client cache
 * expired would see them.
 */
class RegionTerminologySupportTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String LOINC = "http://loinc.org";
    private static final String GLUCOSE_TESTS = "http://rhix.org.cn/fhir/ValueSet/glucose-tests";

    /** LOINC codes the stand-in holds; a test may publish more. */
    private final Set<String> loinc = ConcurrentHashMap.newKeySet();
    private volatile boolean down;
    private HttpServer server;
    private RegionTerminologySupport support;
    private ValidationSupportContext context;

    @BeforeEach
    void start() throws IOException {
        loinc.addAll(Set.of("2345-7", "718-7"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/fhir/CodeSystem/$validate-code", exchange -> {
            Map<String, String> query = query(exchange);
            answer(exchange, 200, loinc.contains(query.get("code"))
                    ? "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"result\",\"valueBoolean\":true}]}"
                    : "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"result\",\"valueBoolean\":false},"
                    + "{\"name\":\"message\",\"valueString\":\"Unknown code '" + query.get("code") + "'\"}]}");
        });
        server.createContext("/fhir/ValueSet/$validate-code", exchange -> {
            Map<String, String> query = query(exchange);
            if (!GLUCOSE_TESTS.equals(query.get("url"))) {
                answer(exchange, 404, "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"not-found\"}]}");
            } else {
                boolean in = LOINC.equals(query.get("system")) && "2345-7".equals(query.get("code"));
                answer(exchange, 200, "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"result\",\"valueBoolean\":" + in + "}"
                        + (in ? "" : ",{\"name\":\"message\",\"valueString\":\"The provided code is not in the value set\"}") + "]}");
            }
        });
        server.createContext("/fhir/CodeSystem/$lookup", exchange -> {
            Map<String, String> query = query(exchange);
            answer(exchange, "2345-7".equals(query.get("code")) ? 200 : 404, "2345-7".equals(query.get("code"))
                    ? "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"name\",\"valueString\":\"LOINC\"},"
                    + "{\"name\":\"display\",\"valueString\":\"Glucose [Mass/volume] in Serum or Plasma\"}]}"
                    : "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"not-found\","
                    + "\"diagnostics\":\"Unknown code '" + query.get("code") + "' in the CodeSystem\"}]}");
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir";
        TerminologyClient client = new TerminologyClient(new TerminologyClientSettings(URI.create(base), Duration.ofSeconds(1),
                Duration.ZERO, Duration.ZERO, 1_000));
        support = new RegionTerminologySupport(FHIR, client, base, Duration.ZERO, Clock.systemUTC());
        context = new ValidationSupportContext(support);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aCodeOutsideARegionValueSetIsAnErrorNamingTheValueSet() {
        ValueSet glucoseTests = new ValueSet();
        glucoseTests.setUrl(GLUCOSE_TESTS);

        CodeValidationResult inside = support.validateCodeInValueSet(context, new ConceptValidationOptions(), LOINC, "2345-7", null, glucoseTests);
        CodeValidationResult outside = support.validateCodeInValueSet(context, new ConceptValidationOptions(), LOINC, "718-7", null, glucoseTests);

        assertThat(support.isValueSetSupported(context, GLUCOSE_TESTS + "|1.0.0")).isTrue();
        assertThat(support.isValueSetSupported(context, "http://rhix.org.cn/fhir/ValueSet/none")).isFalse();
        assertThat(inside.isOk()).isTrue();
        assertThat(inside.getCode()).isEqualTo("2345-7");
        assertThat(outside.isOk()).isFalse();
        assertThat(outside.getSeverity()).isEqualTo(IValidationSupport.IssueSeverity.ERROR);
        assertThat(outside.getMessage()).contains("'718-7'", LOINC, "is not in the value set '" + GLUCOSE_TESTS + "'");
    }

    @Test
    void aLookupGivesTheRegionsDisplayOrSaysNotFound() {
        IValidationSupport.LookupCodeResult found = support.lookupCode(context, new LookupCodeRequest(LOINC, "2345-7"));
        IValidationSupport.LookupCodeResult missing = support.lookupCode(context, new LookupCodeRequest(LOINC, "99999-9"));

        assertThat(found.isFound()).isTrue();
        assertThat(found.getCodeDisplay()).isEqualTo("Glucose [Mass/volume] in Serum or Plasma");
        assertThat(found.getCodeSystemDisplayName()).isEqualTo("LOINC");
        assertThat(missing.isFound()).isFalse();
        assertThat(missing.getErrorMessage()).contains("99999-9");
    }

    @Test
    void aCodePublishedWhileTheNodeRunsIsValidOnceTheCachedAnswerExpires() {
        CodeValidationResult before = support.validateCode(context, new ConceptValidationOptions(), LOINC, "98979-8", null, null);
        loinc.add("98979-8");
        CodeValidationResult after = support.validateCode(context, new ConceptValidationOptions(), LOINC, "98979-8", null, null);

        assertThat(before.isOk()).isFalse();
        assertThat(before.getMessage()).contains("Unknown code '98979-8'", LOINC);
        assertThat(after.isOk()).isTrue();
    }

    @Test
    void aServerThatStopsAnsweringLeavesCodesUncheckedWithAWarning() {
        server.stop(0);
        ValueSet glucoseTests = new ValueSet();
        glucoseTests.setUrl(GLUCOSE_TESTS);

        try (RegionTerminologySupport.Unanswered unanswered = RegionTerminologySupport.collectUnanswered()) {
            CodeValidationResult code = support.validateCode(context, new ConceptValidationOptions(), LOINC, "2345-7", null, null);
            CodeValidationResult inValueSet = support.validateCodeInValueSet(context, new ConceptValidationOptions(), LOINC, "2345-7", null,
                    glucoseTests);

            assertThat(support.isValueSetSupported(context, GLUCOSE_TESTS)).as("unknown, so reported as unchecked").isTrue();
            assertThat(code.getSeverity()).isEqualTo(IValidationSupport.IssueSeverity.WARNING);
            assertThat(code.getMessage()).contains("was unavailable", "'2345-7'", "was not checked");
            assertThat(inValueSet.getSeverity()).isEqualTo(IValidationSupport.IssueSeverity.WARNING);
            assertThat(unanswered.questions()).containsExactly(LOINC + "|2345-7", LOINC + "|2345-7");
        }
    }

}
