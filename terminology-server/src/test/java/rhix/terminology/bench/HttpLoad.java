package rhix.terminology.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Closed-loop HTTP load: {@code threads} clients each sending GETs back to back until the time is up. */
final class HttpLoad {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * @param calls        all calls' latencies, merged
     * @param seconds      wall-clock time from the first call's start to the last call's end
     * @param failures     answers other than 200 (and exceptions)
     * @param firstFailure the first failure's status and body, for the notes
     */
    record Outcome(Latencies calls, double seconds, long failures, String firstFailure) {
        double callsPerSecond() {
            return calls.count() / seconds;
        }
    }

    /** One GET, answering the status and body; used for single-client measurements and checks. */
    HttpResponse<String> get(String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/fhir+json").GET()
                .timeout(Duration.ofMinutes(5)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    Outcome run(int threads, long budgetNanos, IntFunction<String> urls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    Latencies latencies = new Latencies();
                    long failures = 0;
                    String firstFailure = null;
                    long deadline = System.nanoTime() + budgetNanos;
                    for (int i = thread; System.nanoTime() < deadline; i += threads) {
                        String url = urls.apply(i);
                        long started = System.nanoTime();
                        try {
                            HttpResponse<String> response = get(url);
                            latencies.add(System.nanoTime() - started);
                            if (response.statusCode() != 200) {
                                failures++;
                                firstFailure = firstFailure != null ? firstFailure : response.statusCode() + " " + abbreviate(response.body());
                            }
                        } catch (java.io.IOException e) {
                            failures++;
                            firstFailure = firstFailure != null ? firstFailure : e.toString();
                        }
                    }
                    return new Outcome(latencies, 0, failures, firstFailure);
                }));
            }
            long started = System.nanoTime();
            start.countDown();
            Latencies all = new Latencies();
            long failures = 0;
            String firstFailure = null;
            for (Future<Outcome> future : futures) {
                Outcome outcome = future.get();
                all.addAll(outcome.calls());
                failures += outcome.failures();
                firstFailure = firstFailure != null ? firstFailure : outcome.firstFailure();
            }
            return new Outcome(all, (System.nanoTime() - started) / 1e9, failures, firstFailure);
        } finally {
            pool.shutdownNow();
        }
    }

    static String abbreviate(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
