package rhix.mpi.api.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Reads who is calling from the {@value #HEADER} header (a node sends its node id) so the events a call
 * causes name it. Node-to-node authentication (mTLS) is the transport's job and not done here yet.
 */
public final class CallerInterceptor implements ServerInterceptor {

    public static final String HEADER = "rhix-caller";
    static final Metadata.Key<String> CALLER_HEADER = Metadata.Key.of(HEADER, Metadata.ASCII_STRING_MARSHALLER);
    static final Context.Key<String> CALLER = Context.key("rhix-caller");

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String caller = headers.get(CALLER_HEADER);
        return Contexts.interceptCall(Context.current().withValue(CALLER, caller == null || caller.isBlank() ? "anonymous" : caller),
                call, headers, next);
    }

    /** The caller of the call in progress. */
    static String caller() {
        String caller = CALLER.get();
        return caller == null ? "anonymous" : caller;
    }
}
