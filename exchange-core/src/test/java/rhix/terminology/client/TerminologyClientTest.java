package rhix.terminology.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The node's terminology client against a stand-in for the remote terminology server (a JDK HTTP server
 * answering as the FHIR operations do): caching, stale answers while the server is down, refusals.
 */
class TerminologyClientTest {

    private static final String SEX = "http://rhix.org.cn/fhir/CodeSystem/gb-t-2261.1";
    private static final String LOCAL_LAB = "http://rhix.org.cn/fhir/CodeSystem/H330102001/lab";
    private static final String LOINC = "http://loinc.org";
    private static final String SEX_VS = "http://rhix.org.cn/fhir/ValueSet/gb-t-2261.1";
    /** A system the stand-in answers for as the real server does for a system it does not hold: 200, marked. */
    private static final String MARKED_UNKNOWN = "http://example.org/marked-unknown";

    private final AtomicInteger calls = new AtomicInteger();
    private final MovableClock clock = new MovableClock();
    private HttpServer server;
    private volatile int status = 200;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/fhir/CodeSystem/$validate-code", exchange -> {
            calls.incrementAndGet();
            String query = exchange.getRequestURI().getRawQuery();
            int code = status;
            String body;
            if (status >= 500) {
                body = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"fatal\",\"code\":\"exception\"}]}";
            } else if (query.contains("url=" + encoded(MARKED_UNKNOWN))) {
                body = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"result\",\"valueBoolean\":false},"
                        + "{\"name\":\"message\",\"valueString\":\"A definition for CodeSystem '" + MARKED_UNKNOWN
                        + "' could not be found, so the code cannot be validated\"},"
                        + "{\"name\":\"x-caused-by-unknown-system\",\"valueCanonical\":\"" + MARKED_UNKNOWN + "\"}]}";
            } else if (!query.contains("gb-t-2261.1")) {
                code = 404;
                body = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"not-found\","
                        + "\"diagnostics\":\"A definition for CodeSystem 'http://example.org/unknown' could not be found\"}]}";
            } else if (query.contains("code=1")) {
                body = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"result\",\"valueBoolean\":true},"
                        + "{\"name\":\"display\",\"valueString\":\"男性\"}]}";
            } else {
                body = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"result\",\"valueBoolean\":false},"
                        + "{\"name\":\"message\",\"valueString\":\"Unknown code 'X' in the CodeSystem\"}]}";
            }
            answer(exchange, code, body);
        });
        server.createContext("/fhir/ValueSet/$validate-code", exchange -> {
            calls.incrementAndGet();
            String query = exchange.getRequestURI().getRawQuery();
            if (!query.startsWith("url=" + encoded(SEX_VS) + "&")) {
                answer(exchange, 404, "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"not-found\","
                        + "\"details\":{\"text\":\"A definition for the value Set could not be found\"}}]}");
            } else if (query.endsWith("code=1")) {
                answer(exchange, 200, "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"result\",\"valueBoolean\":true}]}");
            } else {
                answer(exchange, 200, "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"result\",\"valueBoolean\":false},"
                        + "{\"name\":\"message\",\"valueString\":\"The provided code is not in the value set\"}]}");
            }
        });
        server.createContext("/fhir/CodeSystem/$lookup", exchange -> {
            calls.incrementAndGet();
            String query = exchange.getRequestURI().getRawQuery();
            if (query.contains("gb-t-2261.1") && query.endsWith("code=1")) {
                answer(exchange, 200, "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"name\",\"valueString\":\"GBT2261_1\"},"
                        + "{\"name\":\"display\",\"valueString\":\"男性\"}]}");
            } else {
                answer(exchange, 404, "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"not-found\","
                        + "\"diagnostics\":\"Unknown code 'X' in the CodeSystem\"}]}");
            }
        });
        server.createContext("/fhir/ConceptMap/$translate", exchange -> {
            calls.incrementAndGet();
            answer(exchange, 200, "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"result\",\"valueBoolean\":true},"
                    + "{\"name\":\"match\",\"part\":[{\"name\":\"equivalence\",\"valueCode\":\"equivalent\"},"
                    + "{\"name\":\"concept\",\"valueCoding\":{\"system\":\"http://loinc.org\",\"code\":\"1742-6\","
                    + "\"display\":\"丙氨酸氨基转移酶\"}}]}]}");
        });
        server.start();
    }

    private static String encoded(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void answer(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private TerminologyClient client() {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/fhir");
        return new TerminologyClient(new TerminologyClientSettings(base, Duration.ofSeconds(2), Duration.ofMinutes(10),
                Duration.ofHours(1), 1_000), clock);
    }

    @Test
    void aRepeatedQuestionIsAnsweredFromTheCacheAndSaysSo() {
        TerminologyClient client = client();

        Answer<CodeValidation> first = client.validateCode(SEX, "1");
        Answer<CodeValidation> second = client.validateCode(SEX, "1");

        assertThat(first.source()).isEqualTo(Answer.Source.SERVER);
        assertThat(first.value().valid()).isTrue();
        assertThat(first.value().display()).isEqualTo("男性");
        assertThat(second.source()).isEqualTo(Answer.Source.CACHE);
        assertThat(second.value()).isEqualTo(first.value());
        assertThat(calls).hasValue(1);
        assertThat(client.serverCalls()).isEqualTo(1);
    }

    @Test
    void anExpiredAnswerIsAskedAgainAndStandsInWhileTheServerIsDown() {
        TerminologyClient client = client();
        client.validateCode(SEX, "1");

        clock.advance(Duration.ofMinutes(11));
        assertThat(client.validateCode(SEX, "1").source()).isEqualTo(Answer.Source.SERVER);
        clock.advance(Duration.ofMinutes(11));
        server.stop(0);

        Answer<CodeValidation> stale = client.validateCode(SEX, "1");
        assertThat(stale.source()).isEqualTo(Answer.Source.STALE_CACHE);
        assertThat(stale.fromCache()).isTrue();
        assertThat(stale.value().valid()).isTrue();
        assertThat(client.staleAnswers()).isEqualTo(1);

        clock.advance(Duration.ofHours(2));
        assertThatThrownBy(() -> client.validateCode(SEX, "1")).isInstanceOf(TerminologyUnavailableException.class)
                .hasMessageContaining("unreachable");
    }

    @Test
    void withNothingCachedAServerErrorIsUnavailableNotAVerdict() {
        status = 503;

        assertThatThrownBy(() -> client().validateCode(SEX, "1")).isInstanceOf(TerminologyUnavailableException.class)
                .hasMessageContaining("503");
    }

    @Test
    void unknownCodesAndUnknownSystemsAreVerdictsWithTheServersReason() {
        TerminologyClient client = client();

        Answer<CodeValidation> unknownCode = client.validateCode(SEX, "X");
        Answer<CodeValidation> unknownSystem = client.validateCode("http://example.org/unknown", "1");

        assertThat(unknownCode.value().valid()).isFalse();
        assertThat(unknownCode.value().message()).contains("Unknown code 'X'");
        assertThat(unknownSystem.value().valid()).isFalse();
        assertThat(unknownSystem.value().message()).contains("could not be found");
        assertThat(client.validateCode("http://example.org/unknown", "1").source()).isEqualTo(Answer.Source.CACHE);
    }

    @Test
    void anUnknownSystemIsMarkedWhetherTheServerAnswersOrRefuses() {
        TerminologyClient client = client();

        Answer<CodeValidation> marked = client.validateCode(MARKED_UNKNOWN, "1");
        Answer<CodeValidation> refused = client.validateCode("http://example.org/unknown", "1");
        Answer<CodeValidation> unknownCode = client.validateCode(SEX, "X");

        assertThat(marked.value().valid()).isFalse();
        assertThat(marked.value().unknownSystem()).isTrue();
        assertThat(marked.value().message()).contains(MARKED_UNKNOWN);
        assertThat(refused.value().unknownSystem()).isTrue();
        assertThat(unknownCode.value().valid()).isFalse();
        assertThat(unknownCode.value().unknownSystem()).as("a wrong code of a known system").isFalse();
    }

    @Test
    void whetherTheServerHoldsACodeSystemIsAskedOnceAndCached() {
        TerminologyClient client = client();

        assertThat(client.knowsCodeSystem(SEX).value()).isTrue();
        assertThat(client.knowsCodeSystem(MARKED_UNKNOWN).value()).isFalse();
        assertThat(client.knowsCodeSystem("http://example.org/unknown").value()).isFalse();
        Answer<Boolean> again = client.knowsCodeSystem(SEX);

        assertThat(again.value()).isTrue();
        assertThat(again.source()).isEqualTo(Answer.Source.CACHE);
        assertThat(calls).hasValue(3);
    }

    @Test
    void aCodeInAValueSetIsJudgedByTheServerAndAnUnknownValueSetIsTold() {
        TerminologyClient client = client();

        Answer<CodeValidation> inside = client.validateCodeInValueSet(SEX_VS, SEX, "1");
        Answer<CodeValidation> outside = client.validateCodeInValueSet(SEX_VS, SEX, "7");

        assertThat(inside.value().valid()).isTrue();
        assertThat(outside.value().valid()).isFalse();
        assertThat(outside.value().message()).contains("not in the value set");
        assertThat(outside.value().code()).isEqualTo("7");
        assertThat(client.knowsValueSet(SEX_VS).value()).isTrue();
        assertThat(client.knowsValueSet("http://example.org/ValueSet/none").value()).isFalse();
        assertThat(client.validateCodeInValueSet(SEX_VS, SEX, "7").source()).isEqualTo(Answer.Source.CACHE);
    }

    @Test
    void aLookupGivesTheDisplayOrWhyNothingWasFound() {
        TerminologyClient client = client();

        Answer<CodeLookup> found = client.lookup(SEX, "1");
        Answer<CodeLookup> notFound = client.lookup(SEX, "X");

        assertThat(found.value().found()).isTrue();
        assertThat(found.value().display()).isEqualTo("男性");
        assertThat(found.value().name()).isEqualTo("GBT2261_1");
        assertThat(notFound.value().found()).isFalse();
        assertThat(notFound.value().message()).contains("Unknown code 'X'");
    }

    @Test
    void aTranslationListsTheTargetCodesWithTheirEquivalence() {
        Answer<Translation> translation = client().translate(LOCAL_LAB, "1005", LOINC);

        assertThat(translation.value().targets()).singleElement().satisfies(target -> {
            assertThat(target.system()).isEqualTo(LOINC);
            assertThat(target.code()).isEqualTo("1742-6");
            assertThat(target.equivalence()).isEqualTo("equivalent");
        });
    }

    /** A clock the test moves forward. */
    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-12-01T08:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
