package rhix.node.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static rhix.node.recognition.RecognitionRegion.GLUCOSE;
import static rhix.node.recognition.RecognitionRegion.LAB;
import static rhix.node.recognition.RecognitionRegion.PROVIDER_HOSPITAL;
import static rhix.node.recognition.RecognitionRegion.REQUESTER_HOSPITAL;
import static rhix.node.recognition.RecognitionRegion.glucose;
import static rhix.node.recognition.RecognitionRegion.patient;
import static rhix.node.recognition.RecognitionRegion.serum;

import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import rhix.api.exchange.v1.Coding;
import rhix.api.exchange.v1.FetchResultsRequest;
import rhix.api.exchange.v1.Principal;
import rhix.bench.BenchmarkReport;
import rhix.bench.BenchmarkResult;
import rhix.node.exchange.ProviderAnswer;
import rhix.node.exchange.ProviderClient;
import rhix.node.fhir.FhirFacade;
import rhix.node.fhir.TestTokens;
import rhix.node.mpi.FakeMpi;
import rhix.testing.TestDatabase;

/**
 * End-to-end latency of {@code $recognizable-results} across two nodes on PostgreSQL (HTTP in, MPI locate, exchange
 * saga, FetchResults from the provider, translation, judging, three recorded decisions, HTTP out), against the
 * provider's FetchResults call alone in the same run: the ratio is what the exchange machinery costs.
 * Writes {@code target/bench/recognition.json}.
 */
@Tag("benchmark")
class RecognitionBenchmark {

    private static final int WARM_UP = 10;
    private static final int REPETITIONS = 50;

    @Test
    void recognizableResultsLatencyAgainstFetchResultsAlone() throws Exception {
        try (FakeMpi mpi = FakeMpi.start(); TestDatabase providerStore = TestDatabase.create("bench_recognition_provider");
             TestDatabase requesterStore = TestDatabase.create("bench_recognition_requester")) {
            mpi.link("a-1", "EID-P");
            mpi.link("b-7", "EID-P");
            ApplicationContext provider = RecognitionRegion.node("county-330102", "330102", providerStore,
                    Map.of("rhix.node.mpi.target", mpi.target()));
            Map<String, Object> requesterProperties = new LinkedHashMap<>(TestTokens.securedNodeProperties());
            requesterProperties.putAll(Map.of("rhix.node.mpi.target", mpi.target(),
                    "rhix.node.recognition.concept-maps", RecognitionRegion.conceptMaps().toString(),
                    "rhix.node.recognition.provider-targets.county-330102", RecognitionRegion.grpcTarget(provider)));
            ApplicationContext requester = RecognitionRegion.node("county-330106", "330106", requesterStore, requesterProperties);
            try {
                Instant now = Instant.now();
                RecognitionRegion.ingest(provider, PROVIDER_HOSPITAL, patient("b-7", PROVIDER_HOSPITAL), serum("b-7"),
                        glucose("glu-1", "b-7", GLUCOSE, now.minus(Duration.ofDays(1))),
                        glucose("glu-2", "b-7", GLUCOSE, now.minus(Duration.ofDays(3))),
                        glucose("glu-3", "b-7", GLUCOSE, now.minus(Duration.ofDays(20))));
                RecognitionRegion.ingest(requester, REQUESTER_HOSPITAL, patient("a-1", REQUESTER_HOSPITAL));
                RecognitionRegion.awaitEnterpriseId(provider, "b-7");
                RecognitionRegion.awaitEnterpriseId(requester, "a-1");

                HttpClient http = HttpClient.newHttpClient();
                HttpRequest operation = HttpRequest.newBuilder(URI.create(requester.getBean(FhirFacade.class).baseUrl()
                                + "/Patient/a-1/$recognizable-results?code=" + URLEncoder.encode(LAB + "|" + GLUCOSE, StandardCharsets.UTF_8)))
                        .header("Authorization", "Bearer " + TestTokens.token("dr-liu", "user/*.rs", "TREAT"))
                        .header("Accept", "application/fhir+json").GET().build();
                ProviderClient client = requester.getBean(ProviderClient.class);
                String target = RecognitionRegion.grpcTarget(provider);
                FetchResultsRequest fetch = FetchResultsRequest.newBuilder().setExchangeId("bench").setRequestingNodeId("county-330106")
                        .setRequester(Principal.newBuilder().setId("dr-liu")).setPurposeOfUse("TREAT").addLocalPatientIds("b-7")
                        .addItemCodes(Coding.newBuilder().setSystem(LAB).setCode(GLUCOSE)).build();

                for (int i = 0; i < WARM_UP; i++) {
                    assertThat(http.send(operation, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
                    assertThat(client.fetch("county-330102", target, fetch)).isInstanceOf(ProviderAnswer.Released.class);
                }
                List<Double> endToEnd = new ArrayList<>();
                List<Double> fetchAlone = new ArrayList<>();
                for (int i = 0; i < REPETITIONS; i++) {
                    long start = System.nanoTime();
                    HttpResponse<String> response = http.send(operation, HttpResponse.BodyHandlers.ofString());
                    endToEnd.add((System.nanoTime() - start) / 1e6);
                    assertThat(response.body()).contains("RECOGNISED").contains("COMPLETED");
                    start = System.nanoTime();
                    ProviderAnswer answer = client.fetch("county-330102", target, fetch);
                    fetchAlone.add((System.nanoTime() - start) / 1e6);
                    assertThat(answer).isInstanceOf(ProviderAnswer.Released.class);
                }
                String notes = REPETITIONS + " sequential requests after " + WARM_UP + " warm-up ones, interleaved with the"
                        + " baseline; 3 results offered and judged per request (each recorded as a RecognitionDecision);"
                        + " requester, provider and MPI stand-in in one JVM on one machine's PostgreSQL";
                BenchmarkReport.write("recognition", List.of(
                        new BenchmarkResult("recognition.recognizable_results.p50", percentile(endToEnd, 50), "ms",
                                "exchange.fetch_results.p50", percentile(fetchAlone, 50), endToEnd, fetchAlone, notes),
                        new BenchmarkResult("recognition.recognizable_results.p95", percentile(endToEnd, 95), "ms",
                                "exchange.fetch_results.p95", percentile(fetchAlone, 95), endToEnd, fetchAlone, notes)));
            } finally {
                requester.close();
                provider.close();
            }
        }
    }

    private static double percentile(List<Double> values, int percent) {
        List<Double> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
