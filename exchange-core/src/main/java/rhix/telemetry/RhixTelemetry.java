package rhix.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.logging.LoggingMetricExporter;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the OpenTelemetry SDK every RHIX service uses: spans and metrics go over OTLP/gRPC when
 * an endpoint is configured, otherwise to the log (so a developer sees traces without a collector).
 */
public final class RhixTelemetry {

    private static final Logger LOG = LoggerFactory.getLogger(RhixTelemetry.class);
    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    private static final AttributeKey<String> SERVICE_INSTANCE = AttributeKey.stringKey("service.instance.id");

    /**
     * @param serviceName  e.g. {@code rhix-node-agent}
     * @param instanceId   e.g. the node id
     * @param otlpEndpoint where a collector listens, e.g. {@code http://127.0.0.1:4317}; empty logs instead
     * @param metricInterval how often metrics are exported
     */
    public static OpenTelemetrySdk create(String serviceName, String instanceId, Optional<URI> otlpEndpoint,
                                          Duration metricInterval) {
        Resource resource = Resource.getDefault().merge(Resource.create(
                Attributes.of(SERVICE_NAME, serviceName, SERVICE_INSTANCE, instanceId)));
        SpanExporter spanExporter;
        MetricExporter metricExporter;
        SdkTracerProviderBuilder tracing = SdkTracerProvider.builder().setResource(resource);
        if (otlpEndpoint.isPresent()) {
            String endpoint = otlpEndpoint.get().toString();
            spanExporter = OtlpGrpcSpanExporter.builder().setEndpoint(endpoint).build();
            metricExporter = OtlpGrpcMetricExporter.builder().setEndpoint(endpoint).build();
            tracing.addSpanProcessor(BatchSpanProcessor.builder(spanExporter).build());
            LOG.info("Telemetry: exporting traces and metrics over OTLP to {}", endpoint);
        } else {
            spanExporter = LoggingSpanExporter.create();
            metricExporter = LoggingMetricExporter.create();
            tracing.addSpanProcessor(SimpleSpanProcessor.create(spanExporter));
            LOG.info("Telemetry: no OTLP endpoint configured, traces and metrics go to the log");
        }
        SdkMeterProvider metering = SdkMeterProvider.builder().setResource(resource)
                .registerMetricReader(PeriodicMetricReader.builder(metricExporter).setInterval(metricInterval).build())
                .build();
        return OpenTelemetrySdk.builder()
                .setTracerProvider(tracing.build())
                .setMeterProvider(metering)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
    }

    /** For tests and tools that want the API without exporting anything. */
    public static OpenTelemetry noop() {
        return OpenTelemetry.noop();
    }

    private RhixTelemetry() {
    }
}
