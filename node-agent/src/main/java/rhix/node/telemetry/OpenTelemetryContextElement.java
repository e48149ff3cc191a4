package rhix.node.telemetry;

import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * Carries the OpenTelemetry context with Micronaut's propagated context, so that a span started on
 * the event loop is current again on the blocking thread that runs the controller.
 */
record OpenTelemetryContextElement(Context context) implements ThreadPropagatedContextElement<Scope> {

    @Override
    public Scope updateThreadContext() {
        return context.makeCurrent();
    }

    @Override
    public void restoreThreadContext(Scope scope) {
        scope.close();
    }
}
