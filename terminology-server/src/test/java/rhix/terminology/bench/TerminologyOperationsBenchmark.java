package rhix.terminology.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import io.micronaut.context.ApplicationContext;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r5.model.CodeType;
import org.hl7.fhir.r5.model.IntegerType;
import org.hl7.fhir.r5.model.Parameters;
import org.hl7.fhir.r5.model.UriType;
import org.hl7.fhir.r5.model.ValueSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.bench.BenchmarkReport;
import rhix.bench.BenchmarkResult;
import rhix.fhir.facade.server.FhirFacadeServer;
import rhix.terminology.api.fhir.TerminologyFhirServer;
import rhix.terminology.content.TerminologyResources;
import rhix.terminology.engine.TerminologyContext;
import rhix.terminology.engine.TerminologyEngine;
import rhix.terminology.engine.TerminologyFailure;
import rhix.terminology.load.GeneratedHierarchy;
import rhix.terminology.store.TerminologyStore;

/**
 * The terminology operations of issue 6 against HAPI's in-memory terminology, same content, same run: the
 * generated 6-level code system (100,000 concepts by default), a value set of about half of it by {@code is-a}
 * filters, a ConceptMap of a few thousand entries. Ours is the whole service (TDB2 store in memory, the core
 * engine, the HAPI plain server); HAPI's is {@link HapiInMemoryTerminology}, over HTTP through
 * {@link HapiTerminologyProvider} on the same Jetty set-up ({@link FhirFacadeServer}).
 * <ul>
 *   <li>{@code $validate-code} on the value set: per-call latency in process; calls/s and latency with 8 HTTP clients;</li>
 *   <li>{@code $expand} of the value set: full and paged ({@code count=1000} at several offsets), in process and over HTTP
 *       (where the server's expansion limit refuses the full expansion as too costly);</li>
 *   <li>{@code $translate}: per-call latency in process against a HashMap lookup.</li>
 * </ul>
 * Each figure is the median over {@code rhix.bench.repetitions} time-boxed rounds ({@code rhix.bench.seconds} each)
 * after a warm-up round. Run: {@code ./mvnw -B -ntp -o -pl terminology-server -am verify -Pbench
 * -Dtest=TerminologyOperationsBenchmark -Dsurefire.failIfNoSpecifiedTests=false} (size {@code -Drhix.bench.concepts=N},
 * HAPI's expansion cap {@code -Drhix.bench.hapi-expand-seconds=N}). Writes
 * {@code terminology-server/target/bench/terminology-operations.json}.
 */
@Tag("benchmark")
class TerminologyOperationsBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(TerminologyOperationsBenchmark.class);
    private static final int CONCEPTS = Integer.getInteger("rhix.bench.concepts", 100_000);
    private static final int MAPPINGS = Integer.getInteger("rhix.bench.mappings", 3_000);
    private static final int SECONDS = Integer.getInteger("rhix.bench.seconds", 5);
    private static final int REPETITIONS = Integer.getInteger("rhix.bench.repetitions", 3);
    private static final int HTTP_THREADS = Integer.getInteger("rhix.bench.http-threads", 8);
    private static final int HAPI_EXPAND_SECONDS = Integer.getInteger("rhix.bench.hapi-expand-seconds", 60);
    /** The server's {@code rhix.terminology.fhir.maximum-expansion-size}; its default unless set. */
    private static final int SERVER_EXPANSION_LIMIT = Integer.getInteger("rhix.bench.maximum-expansion-size", 10_000);
    private static final int PAGE = 1_000;

    private final List<BenchmarkResult> results = new ArrayList<>();
    private final HttpLoad http = new HttpLoad();
    private String notes;
    private OperationsContent content;
    private int[] randomConcepts;
    /**
     * Where the next call takes its code from the random sequence: never restarting, so a round does not repeat the codes of the
     * round before (the core engine caches validation results; repeated codes would measure the cache).
     */
    private final AtomicInteger cursor = new AtomicInteger();

    @Test
    void operationsAgainstHapisInMemoryTerminology() throws Exception {
        long runStarted = System.nanoTime();
        content = OperationsContent.generate(CONCEPTS, MAPPINGS);
        randomConcepts = new Random(6).ints(1 << 18, 0, CONCEPTS).toArray();
        notes = String.format(Locale.ROOT, "%,d concepts in 6 levels, value set of %,d (is-a C0..C4), ConceptMap of %,d entries; "
                        + "median of %d rounds of %d s after a warm-up; %d cores", CONCEPTS, content.expectedValueSetSize(), MAPPINGS,
                REPETITIONS, SECONDS, Runtime.getRuntime().availableProcessors());
        LOG.info("content generated: {}", notes);

        FhirContext fhirContext = FhirContext.forR4Cached();
        ApplicationContext application = ApplicationContext.builder().properties(Map.of("rhix.terminology.fhir.port", 0,
                "rhix.terminology.fhir.host", "127.0.0.1", "rhix.terminology.fhir.security.enabled", false,
                "rhix.terminology.fhir.maximum-expansion-size", SERVER_EXPANSION_LIMIT, "rhix.terminology.store.path", "",
                "rhix.terminology.store.load-shipped-content", false, "rhix.terminology.sparql.enabled", false)).start();
        FhirFacadeServer hapiServer = null;
        try {
            long started = System.nanoTime();
            TerminologyStore store = application.getBean(TerminologyStore.class);
            // The small ones first: every commit reloads the server's engine, which then converts all it holds.
            store.put(content.valueSet(), (done, total) -> { });
            store.put(content.conceptMap(), (done, total) -> { });
            store.put(content.codeSystem(), (done, total) -> { });
            LOG.info("loaded into the TDB2 store (the server's engine reloaded on each commit) in {} s", seconds(started));

            started = System.nanoTime();
            // In process: an engine of our own over the same store's content, without the server's expansion limit.
            TerminologyEngine engine = new TerminologyEngine(application.getBean(TerminologyResources.class), Integer.MAX_VALUE);
            HapiInMemoryTerminology hapi = new HapiInMemoryTerminology(fhirContext, content);
            hapiServer = FhirFacadeServer.start(fhirContext, List.of(), List.of(new HapiTerminologyProvider(hapi)), List.of(), "127.0.0.1", 0,
                    20, 100, 16L * 1024 * 1024, "HAPI in-memory terminology (benchmark baseline)");
            String ours = application.getBean(TerminologyFhirServer.class).baseUrl();
            LOG.info("engines ready in {} s; ours at {}, HAPI's at {}", seconds(started), ours, hapiServer.baseUrl());

            validateCodeInProcess(engine, hapi);
            validateCodeOverHttp(fhirContext, ours, hapiServer.baseUrl());
            translate(engine);
            expand(engine, hapi, ours);
        } finally {
            if (hapiServer != null) {
                hapiServer.close();
            }
            application.close();
        }
        var file = BenchmarkReport.write("terminology-operations", results);
        results.forEach(r -> LOG.info("{} = {} {} (baseline {} = {}, ratio {})", r.name(), format(r.value()), r.unit(), r.baselineName(),
                format(r.baselineValue()), format(r.ratio())));
        LOG.info("wrote {} after {} s", file.toAbsolutePath(), seconds(runStarted));
        assertThat(results).isNotEmpty();
    }

    // ---- $validate-code ----

    private void validateCodeInProcess(TerminologyEngine engine, HapiInMemoryTerminology hapi) throws Exception {
        IBaseResource valueSet = hapi.valueSet(OperationsContent.VALUE_SET_URL);
        int inside = firstConcept(true);
        int outside = firstConcept(false);
        assertThat(ourValidation(engine, "C" + inside)).as("ours: C%d is in the value set", inside).isTrue();
        assertThat(ourValidation(engine, "C" + outside)).as("ours: C%d is not in the value set", outside).isFalse();
        IValidationSupport.CodeValidationResult hapiInside = hapi.validateCodeInValueSet(GeneratedHierarchy.URL, "C" + inside, valueSet);
        IValidationSupport.CodeValidationResult hapiOutside = hapi.validateCodeInValueSet(GeneratedHierarchy.URL, "C" + outside, valueSet);
        String hapiVerdicts = String.format(Locale.ROOT, "HAPI's verdicts: C%d %s, C%d %s", inside, verdict(hapiInside), outside, verdict(hapiOutside));
        LOG.info("validate-code checked: ours right on C{} (in) and C{} (out); {}", inside, outside, hapiVerdicts);

        long budget = TimeUnit.SECONDS.toNanos(SECONDS);
        IntFunction<String> code = i -> "C" + nextConcept();
        Latencies.Call<String> oursCall = c -> ourValidation(engine, c);
        Latencies.Call<String> hapiCall = c -> hapi.validateCodeInValueSet(GeneratedHierarchy.URL, c, valueSet);
        LOG.info("validate-code in process: warm-up");
        Latencies.timeBoxed(budget, 1, Integer.MAX_VALUE, code, oursCall);
        Latencies.timeBoxed(budget, 1, Integer.MAX_VALUE, code, hapiCall);
        Rounds ours = new Rounds();
        Rounds baseline = new Rounds();
        for (int round = 0; round < REPETITIONS; round++) {
            ours.add(Latencies.timeBoxed(budget, 1, Integer.MAX_VALUE, code, oursCall));
            baseline.add(Latencies.timeBoxed(budget, 1, Integer.MAX_VALUE, code, hapiCall));
            LOG.info("validate-code in process round {}: ours {}, HAPI {}", round + 1, ours.last(), baseline.last());
        }
        String detail = notes + "; random codes of the whole system (about half in the value set), no sequence repeated between rounds; calls per round: ours "
                + ours.counts() + ", HAPI " + baseline.counts() + "; " + hapiVerdicts;
        results.add(latency("validate_code.in_process.p50", 0.5, ours, "hapi.in_memory.validate_code_in_value_set.p50", baseline, detail));
        results.add(latency("validate_code.in_process.p95", 0.95, ours, "hapi.in_memory.validate_code_in_value_set.p95", baseline, detail));
    }

    private static boolean ourValidation(TerminologyEngine engine, String code) {
        Parameters request = new Parameters();
        request.addParameter("url", new UriType(OperationsContent.VALUE_SET_URL));
        request.addParameter("system", new UriType(GeneratedHierarchy.URL));
        request.addParameter("code", new CodeType(code));
        return engine.contextFor(List.of(), null).validateCode(request, false, null).getParameterBool("result");
    }

    private void validateCodeOverHttp(FhirContext fhirContext, String ours, String hapi) throws Exception {
        int inside = firstConcept(true);
        int outside = firstConcept(false);
        String checks = "over HTTP: ours C" + inside + " " + httpVerdict(fhirContext, validateCodeUrl(ours, "C" + inside)) + ", C" + outside + " "
                + httpVerdict(fhirContext, validateCodeUrl(ours, "C" + outside)) + "; HAPI's C" + inside + " "
                + httpVerdict(fhirContext, validateCodeUrl(hapi, "C" + inside)) + ", C" + outside + " "
                + httpVerdict(fhirContext, validateCodeUrl(hapi, "C" + outside));
        LOG.info("validate-code {}", checks);

        long budget = TimeUnit.SECONDS.toNanos(SECONDS);
        IntFunction<String> oursUrl = i -> validateCodeUrl(ours, "C" + nextConcept());
        IntFunction<String> hapiUrl = i -> validateCodeUrl(hapi, "C" + nextConcept());
        LOG.info("validate-code over HTTP, {} client threads: warm-up", HTTP_THREADS);
        http.run(HTTP_THREADS, budget, oursUrl);
        http.run(HTTP_THREADS, budget, hapiUrl);
        List<Double> oursRate = new ArrayList<>();
        List<Double> hapiRate = new ArrayList<>();
        Rounds ourLatencies = new Rounds();
        Rounds hapiLatencies = new Rounds();
        long failures = 0;
        String firstFailure = null;
        for (int round = 0; round < REPETITIONS; round++) {
            HttpLoad.Outcome o = http.run(HTTP_THREADS, budget, oursUrl);
            HttpLoad.Outcome h = http.run(HTTP_THREADS, budget, hapiUrl);
            oursRate.add(o.callsPerSecond());
            hapiRate.add(h.callsPerSecond());
            ourLatencies.add(o.calls());
            hapiLatencies.add(h.calls());
            failures += o.failures() + h.failures();
            firstFailure = firstFailure != null ? firstFailure : o.firstFailure() != null ? "ours " + o.firstFailure()
                    : h.firstFailure() != null ? "HAPI " + h.firstFailure() : null;
            LOG.info("validate-code over HTTP round {}: ours {} calls/s {}, HAPI {} calls/s {}, failures {}/{}", round + 1,
                    format(o.callsPerSecond()), ourLatencies.last(), format(h.callsPerSecond()), hapiLatencies.last(), o.failures(), h.failures());
        }
        String detail = notes + "; " + HTTP_THREADS + " client threads (java.net.http, HTTP/1.1, GET), closed loop, same Jetty set-up "
                + "(fhir-facade's FhirFacadeServer) for both; " + checks + "; non-200 answers: " + failures
                + (firstFailure != null ? " (first: " + firstFailure + ")" : "");
        results.add(new BenchmarkResult("validate_code.http.calls_per_second", BenchmarkResult.median(oursRate), "calls/s",
                "hapi.in_memory.http.validate_code.calls_per_second", BenchmarkResult.median(hapiRate), oursRate, hapiRate, detail));
        results.add(latency("validate_code.http.p50", 0.5, ourLatencies, "hapi.in_memory.http.validate_code.p50", hapiLatencies, detail));
        results.add(latency("validate_code.http.p95", 0.95, ourLatencies, "hapi.in_memory.http.validate_code.p95", hapiLatencies, detail));
    }

    private static String validateCodeUrl(String base, String code) {
        return base + "/ValueSet/$validate-code?url=" + encode(OperationsContent.VALUE_SET_URL) + "&system=" + encode(GeneratedHierarchy.URL)
                + "&code=" + code;
    }

    private String httpVerdict(FhirContext fhirContext, String url) throws Exception {
        HttpResponse<String> response = http.get(url);
        if (response.statusCode() != 200) {
            return "HTTP " + response.statusCode();
        }
        org.hl7.fhir.r4.model.Parameters parameters = fhirContext.newJsonParser()
                .parseResource(org.hl7.fhir.r4.model.Parameters.class, response.body());
        return "result=" + parameters.getParameterBool("result");
    }

    // ---- $translate ----

    private void translate(TerminologyEngine engine) throws Exception {
        Parameters check = engine.contextFor(List.of(), null).translate(translateRequest("L1"));
        Coding expected = content.mappings().get("L1");
        assertThat(check.getParameterBool("result")).isTrue();
        assertThat(((org.hl7.fhir.r5.model.Coding) check.getParameter("match").getPart().getFirst().getValue()).getCode())
                .isEqualTo(expected.getCode());

        long budget = TimeUnit.SECONDS.toNanos(SECONDS);
        IntFunction<String> local = i -> "L" + Math.floorMod(nextConcept(), MAPPINGS);
        Latencies.Call<String> oursCall = code -> engine.contextFor(List.of(), null).translate(translateRequest(code));
        Map<String, Coding> map = content.mappings();
        Coding[] sink = new Coding[1];
        Latencies.Call<String> hashMapCall = code -> sink[0] = map.get(code);
        LOG.info("translate in process: warm-up");
        Latencies.timeBoxed(budget, 1, Integer.MAX_VALUE, local, oursCall);
        Latencies.timeBoxed(budget, 1, Integer.MAX_VALUE, local, hashMapCall);
        Rounds ours = new Rounds();
        Rounds baseline = new Rounds();
        for (int round = 0; round < REPETITIONS; round++) {
            ours.add(Latencies.timeBoxed(budget, 1, Integer.MAX_VALUE, local, oursCall));
            baseline.add(Latencies.timeBoxed(budget, 1, Integer.MAX_VALUE, local, hashMapCall));
            LOG.info("translate in process round {}: ours {}, HashMap {}", round + 1, ours.last(), baseline.last());
        }
        String detail = notes + "; forward translation of a random local code (L0..L" + (MAPPINGS - 1) + ") with targetsystem; baseline: "
                + "HashMap<String, Coding>.get of the same code (the timer's own resolution dominates it); calls per round: ours "
                + ours.counts();
        results.add(latency("translate.in_process.p50", 0.5, ours, "hashmap.lookup.p50", baseline, detail));
        results.add(latency("translate.in_process.p95", 0.95, ours, "hashmap.lookup.p95", baseline, detail));
    }

    private static Parameters translateRequest(String code) {
        Parameters request = new Parameters();
        request.addParameter("system", new UriType(OperationsContent.LOCAL_SYSTEM));
        request.addParameter("code", new CodeType(code));
        request.addParameter("targetsystem", new UriType(GeneratedHierarchy.URL));
        return request;
    }

    // ---- $expand ----

    private void expand(TerminologyEngine engine, HapiInMemoryTerminology hapi, String ours) throws Exception {
        int size = content.expectedValueSetSize();
        int[] offsets = {0, size / 4, size / 2, Math.max(0, size - PAGE)};
        long budget = TimeUnit.SECONDS.toNanos(SECONDS);

        // Ours in process. The core engine (6.7.9) refuses an expansion of more than 1,000 concepts asked without
        // count/offset (ValueSetExpander's own limit, whatever the server's); asked with count = the value set's size
        // it expands the whole value set, on this engine that has no server limit.
        String uncounted;
        try {
            ValueSet answer = ourExpansion(engine, null, null);
            uncounted = "expanded " + count(answer.getExpansion().getContains()) + " concepts";
        } catch (IllegalStateException e) {
            uncounted = "refused: " + e.getCause().getMessage();
        }
        ValueSet full = ourExpansion(engine, 0, size);
        int fullSize = count(full.getExpansion().getContains());
        assertThat(fullSize).as("our full expansion").isEqualTo(size);
        ValueSet page = ourExpansion(engine, offsets[2], PAGE);
        LOG.info("expand in process: without count {}; with count={} {} concepts; a page at offset {} holds {} (total {})", uncounted, size,
                fullSize, offsets[2], count(page.getExpansion().getContains()), page.getExpansion().getTotal());
        Rounds oursFull = new Rounds();
        Rounds oursPaged = new Rounds();
        IntFunction<Integer> offset = i -> offsets[i % offsets.length];
        Latencies.timeBoxed(budget, 2, Integer.MAX_VALUE, i -> null, x -> ourExpansion(engine, 0, size));
        for (int round = 0; round < REPETITIONS; round++) {
            oursFull.add(Latencies.timeBoxed(budget, 3, Integer.MAX_VALUE, i -> null, x -> ourExpansion(engine, 0, size)));
            oursPaged.add(Latencies.timeBoxed(budget, offsets.length, Integer.MAX_VALUE, offset, o -> ourExpansion(engine, o, PAGE)));
            LOG.info("expand in process round {}: ours full {}, paged {}", round + 1, oursFull.last(), oursPaged.last());
        }

        // Ours over HTTP, through the server's expansion limit.
        String fullUrl = ours + "/ValueSet/$expand?url=" + encode(OperationsContent.VALUE_SET_URL);
        HttpResponse<String> fullAnswer = http.get(fullUrl);
        String fullOutcome = "HTTP " + fullAnswer.statusCode() + (fullAnswer.statusCode() == 200 ? ""
                : ": " + HttpLoad.abbreviate(fullAnswer.body()).replaceAll("\\s+", " "));
        HttpResponse<String> pagedAnswer = http.get(fullUrl + "&count=" + PAGE + "&offset=" + offsets[2]);
        String pagedOutcome = "HTTP " + pagedAnswer.statusCode() + (pagedAnswer.statusCode() == 200 ? ""
                : ": " + HttpLoad.abbreviate(pagedAnswer.body()).replaceAll("\\s+", " "));
        LOG.info("expand over HTTP (server limit {}): full {}; paged {}", SERVER_EXPANSION_LIMIT, fullOutcome, pagedOutcome);
        Rounds httpFull = new Rounds();
        Rounds httpPaged = new Rounds();
        for (int round = 0; round < REPETITIONS; round++) {
            httpFull.add(Latencies.timeBoxed(budget, 3, Integer.MAX_VALUE, i -> fullUrl, http::get));
            httpPaged.add(Latencies.timeBoxed(budget, offsets.length, Integer.MAX_VALUE,
                    i -> fullUrl + "&count=" + PAGE + "&offset=" + offsets[i % offsets.length], http::get));
            LOG.info("expand over HTTP round {}: full {}, paged {}", round + 1, httpFull.last(), httpPaged.last());
        }

        // HAPI's in-memory expansion last: it may not finish, and its thread cannot be stopped.
        Rounds hapiFull = new Rounds();
        String hapiOutcome = hapiExpansions(hapi, hapiFull);

        String detail = notes + "; value set of " + size + " concepts; HAPI: " + hapiOutcome;
        String pagedDetail = detail + "; pages of count=" + PAGE + " at offsets " + java.util.Arrays.toString(offsets)
                + "; HAPI's in-memory expansion ignores count/offset (always the whole value set), so its baseline is the full expansion";
        results.add(latency("expand.full.in_process.p95", 0.95, oursFull, "hapi.in_memory.expand_value_set.full.p95", hapiFull,
                detail + "; ours: the core engine without the server's limit, asked with count=" + size + " (asked without count it "
                        + uncounted + "); calls per round " + oursFull.counts()));
        results.add(latency("expand.paged_1000.in_process.p95", 0.95, oursPaged, "hapi.in_memory.expand_value_set.full.p95", hapiFull,
                pagedDetail + "; calls per round " + oursPaged.counts()));
        results.add(latency("expand.full.http.p95", 0.95, httpFull, "hapi.in_memory.expand_value_set.full.p95", hapiFull,
                detail + "; ours over HTTP with the server's default limit of " + SERVER_EXPANSION_LIMIT + " concepts answers " + fullOutcome
                        + " (the time is that of the answer, a refusal when not 200); calls per round " + httpFull.counts()));
        results.add(latency("expand.paged_1000.http.p95", 0.95, httpPaged, "hapi.in_memory.expand_value_set.full.p95", hapiFull,
                pagedDetail + "; ours over HTTP with the server's limit of " + SERVER_EXPANSION_LIMIT + " answers " + pagedOutcome
                        + "; calls per round " + httpPaged.counts()));
    }

    private static ValueSet ourExpansion(TerminologyEngine engine, Integer offset, Integer count) {
        Parameters request = new Parameters();
        request.addParameter("url", new UriType(OperationsContent.VALUE_SET_URL));
        if (count != null) {
            request.addParameter("count", new IntegerType(count));
            request.addParameter("offset", new IntegerType(offset));
        }
        try {
            TerminologyContext context = engine.contextFor(List.of(), null);
            return context.expand(request, null);
        } catch (TerminologyFailure failure) {
            throw new IllegalStateException("our expansion failed: " + failure.getMessage(), failure);
        }
    }

    /** HAPI's expansions on a thread of their own, each waited for at most {@code rhix.bench.hapi-expand-seconds}. */
    private String hapiExpansions(HapiInMemoryTerminology hapi, Rounds rounds) throws Exception {
        IBaseResource valueSet = hapi.valueSet(OperationsContent.VALUE_SET_URL);
        Thread[] worker = new Thread[1];
        ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "hapi-expansion");
            t.setDaemon(true);
            worker[0] = t;
            return t;
        });
        try {
            String outcome = null;
            long budget = TimeUnit.SECONDS.toNanos(SECONDS);
            // The first call is the warm-up; then as many as fit in a round, at least one, per round.
            for (int round = -1; round < REPETITIONS; round++) {
                Latencies latencies = new Latencies();
                long roundStarted = System.nanoTime();
                do {
                    long started = System.nanoTime();
                    Future<IValidationSupport.ValueSetExpansionOutcome> expansion = thread.submit(() -> hapi.expandValueSet(valueSet));
                    IValidationSupport.ValueSetExpansionOutcome result;
                    try {
                        result = expansion.get(HAPI_EXPAND_SECONDS, TimeUnit.SECONDS);
                    } catch (TimeoutException e) {
                        // What it was doing when the time was up (it ignores interruption and runs on until the JVM ends).
                        String where = java.util.Arrays.stream(worker[0].getStackTrace()).limit(6).map(StackTraceElement::toString)
                                .collect(java.util.stream.Collectors.joining(" < "));
                        LOG.warn("HAPI's in-memory expansion at the cap: {}", where);
                        expansion.cancel(true);
                        rounds.add(single(TimeUnit.SECONDS.toNanos(HAPI_EXPAND_SECONDS)));
                        LOG.warn("HAPI's in-memory expansion did not finish in {} s; recorded that as a lower bound", HAPI_EXPAND_SECONDS);
                        return "expandValueSet did not finish within " + HAPI_EXPAND_SECONDS
                                + " s (rhix.bench.hapi-expand-seconds); the time recorded is that cap, a lower bound; at the cap it was in " + where;
                    }
                    long nanos = System.nanoTime() - started;
                    latencies.add(nanos);
                    if (outcome == null) {
                        outcome = describe(result);
                        LOG.info("HAPI's in-memory expansion: {} in {} ms", outcome, format(nanos / 1e6));
                    }
                } while (System.nanoTime() - roundStarted < budget);
                if (round >= 0) {
                    rounds.add(latencies);
                    LOG.info("HAPI expand round {}: {}", round + 1, rounds.last());
                }
            }
            return "expandValueSet " + outcome;
        } finally {
            thread.shutdownNow();
        }
    }

    private static String describe(IValidationSupport.ValueSetExpansionOutcome result) {
        if (result == null) {
            return "answered nothing (null)";
        }
        if (result.getError() != null) {
            return "answered the error '" + result.getError() + "'";
        }
        org.hl7.fhir.r4.model.ValueSet expanded = (org.hl7.fhir.r4.model.ValueSet) result.getValueSet();
        return "expanded " + expanded.getExpansion().getContains().size() + " concepts";
    }

    // ---- helpers ----

    private int nextConcept() {
        return randomConcepts[cursor.getAndIncrement() & (randomConcepts.length - 1)];
    }

    /** The first concept (by index) in or out of the value set, for the correctness checks. */
    private int firstConcept(boolean inValueSet) {
        for (int i = CONCEPTS - 1; i >= 0; i--) {
            if (OperationsContent.inValueSet(content.hierarchy(), i) == inValueSet) {
                return i;
            }
        }
        throw new IllegalStateException("no concept " + (inValueSet ? "in" : "outside") + " the value set");
    }

    private static int count(List<ValueSet.ValueSetExpansionContainsComponent> contains) {
        int size = contains.size();
        for (ValueSet.ValueSetExpansionContainsComponent entry : contains) {
            size += count(entry.getContains());
        }
        return size;
    }

    private static String verdict(IValidationSupport.CodeValidationResult result) {
        return result == null ? "no answer" : "ok=" + result.isOk();
    }

    private static Latencies single(long nanos) {
        Latencies latencies = new Latencies();
        latencies.add(nanos);
        return latencies;
    }

    private static BenchmarkResult latency(String name, double fraction, Rounds ours, String baselineName, Rounds baseline, String notes) {
        List<Double> values = ours.percentiles(fraction);
        List<Double> baselineValues = baseline.percentiles(fraction);
        return new BenchmarkResult(name + "_ms", BenchmarkResult.median(values), "ms", baselineName + "_ms",
                baselineValues.isEmpty() ? Double.NaN : BenchmarkResult.median(baselineValues), values, baselineValues, notes);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String seconds(long started) {
        return format((System.nanoTime() - started) / 1e9);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }

    /** The rounds of one measurement. */
    private static final class Rounds {
        private final List<Latencies> rounds = new ArrayList<>();

        void add(Latencies latencies) {
            rounds.add(latencies);
        }

        List<Double> percentiles(double fraction) {
            return rounds.stream().map(r -> r.percentileMillis(fraction)).toList();
        }

        List<Integer> counts() {
            return rounds.stream().map(Latencies::count).toList();
        }

        String last() {
            Latencies last = rounds.getLast();
            return String.format(Locale.ROOT, "%d calls p50 %.4f ms p95 %.4f ms", last.count(), last.percentileMillis(0.5), last.percentileMillis(0.95));
        }
    }
}
