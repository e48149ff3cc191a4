package rhix.node.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Organization;
import org.junit.jupiter.api.Test;
import rhix.node.NodeConfiguration;

/** A producer's upload is one trace: the HTTP server span continues the caller's context, ingestion is its child. */
class TracingTest {

    private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Factory
    @Requires(property = "spec.name", value = "TracingTest")
    static class InMemoryTelemetry {
        @Singleton
        @Replaces(value = OpenTelemetrySdk.class, factory = TelemetryFactory.class)
        OpenTelemetrySdk openTelemetrySdk(NodeConfiguration node) {
            return OpenTelemetrySdk.builder()
                    .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build())
                    .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                    .build();
        }
    }

    @Test
    void anIngestRequestIsTracedFromTheCallersContextIntoTheBatch() {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("spec.name", "TracingTest",
                "rhix.node.id", "county-tracing-test", "rhix.node.grpc.port", 0, "micronaut.server.port", -1));
             HttpClient client = server.getApplicationContext().createBean(HttpClient.class, server.getURL())) {
            Organization organization = new Organization().setName("象山县第一人民医院");
            organization.setId("trace-org");
            String payload = ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().encodeResourceToString(organization);

            client.toBlocking().exchange(HttpRequest.POST("/ingest/batches?producer=H330225001", payload)
                    .contentType("application/fhir+ndjson")
                    .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01"), String.class);

            List<SpanData> spans = SPANS.getFinishedSpanItems();
            SpanData http = spans.stream().filter(span -> span.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
            SpanData batch = spans.stream().filter(span -> span.getName().equals("ingest batch")).findFirst().orElseThrow();
            assertThat(http.getName()).isEqualTo("POST /ingest/batches");
            assertThat(http.getTraceId()).isEqualTo(TRACE_ID);
            assertThat(http.getAttributes().asMap().values()).contains(201L);
            assertThat(batch.getTraceId()).isEqualTo(TRACE_ID);
            assertThat(batch.getParentSpanId()).isEqualTo(http.getSpanId());
        }
    }
}
