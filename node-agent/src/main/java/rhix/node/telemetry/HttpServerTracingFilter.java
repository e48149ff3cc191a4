package rhix.node.telemetry;

import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * A server span for every HTTP request the node serves, continuing the caller's W3C trace context,
 * so that a trace runs from a producer's upload (or an administrator's call) into ingestion and the store.
 */
@Filter("/**")
public class HttpServerTracingFilter implements HttpServerFilter {

    private static final TextMapGetter<HttpRequest<?>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpRequest<?> request) {
            return request.getHeaders().names();
        }

        @Override
        public String get(HttpRequest<?> request, String key) {
            return request == null ? null : request.getHeaders().get(key);
        }
    };

    private final OpenTelemetry openTelemetry;
    private final Tracer tracer;

    public HttpServerTracingFilter(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
        this.tracer = openTelemetry.getTracer("rhix.node.http");
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        Context parent = openTelemetry.getPropagators().getTextMapPropagator().extract(Context.current(), request, HEADERS);
        Span span = tracer.spanBuilder(request.getMethodName() + " " + request.getPath()).setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", request.getMethodName())
                .setAttribute("url.path", request.getPath())
                .startSpan();
        Context withSpan = parent.with(span);
        try (PropagatedContext.Scope ignored = PropagatedContext.getOrEmpty()
                .plus(new OpenTelemetryContextElement(withSpan)).propagate()) {
            return Flux.from(chain.proceed(request))
                    .doOnNext(response -> {
                        int status = response.getStatus().getCode();
                        span.setAttribute("http.response.status_code", status);
                        if (status >= 500) {
                            span.setStatus(StatusCode.ERROR);
                        }
                    })
                    .doOnError(error -> {
                        span.recordException(error);
                        span.setStatus(StatusCode.ERROR, error.getMessage());
                    })
                    .doFinally(signal -> span.end());
        }
    }
}
