package rhix.fhir.facade.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.net.InetSocketAddress;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HAPI's plain RestfulServer on an embedded Jetty 12 (servlet 6), at {@code /fhir}. HAPI keeps its
 * whole server behaviour: content negotiation, OperationOutcome errors, paging, CapabilityStatement.
 */
public final class FhirFacadeServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FhirFacadeServer.class);
    public static final String BASE_PATH = "/fhir";

    private final Server jetty;

    private FhirFacadeServer(Server jetty) {
        this.jetty = jetty;
    }

    /**
     * @param port           0 picks a free port
     * @param defaultPageSize entries per page when the client gives no {@code _count}
     * @param maximumPageSize the largest {@code _count} honoured
     * @param plainProviders  providers of system-level interactions, e.g. transaction
     * @param interceptors    HAPI interceptors, e.g. the access audit
     * @param maximumRequestBytes a larger request body is refused with 413
     */
    public static FhirFacadeServer start(FhirContext fhirContext, List<IResourceProvider> providers, List<Object> plainProviders,
                                         List<Object> interceptors, String host, int port, int defaultPageSize,
                                         int maximumPageSize, long maximumRequestBytes, String serverName)
            throws Exception {
        RestfulServer restfulServer = new RestfulServer(fhirContext);
        restfulServer.setResourceProviders(providers);
        restfulServer.registerProviders(plainProviders);
        restfulServer.registerInterceptor(new StrictSearchParametersInterceptor());
        restfulServer.registerInterceptor(new IncludeCapabilitiesInterceptor());
        interceptors.forEach(restfulServer::registerInterceptor);
        restfulServer.registerInterceptor(new StoredJsonResponder());
        restfulServer.setDefaultResponseEncoding(EncodingEnum.JSON);
        restfulServer.setServerName(serverName);
        FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(1000);
        paging.setDefaultPageSize(defaultPageSize);
        paging.setMaximumPageSize(maximumPageSize);
        restfulServer.setPagingProvider(paging);

        Server jetty = new Server(new InetSocketAddress(host, port));
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder("fhir", restfulServer), BASE_PATH + "/*");
        // Jetty refuses an oversized body (declared or chunked) before HAPI reads it; the error handler
        // makes that refusal, like every other, an OperationOutcome.
        SizeLimitHandler sizeLimit = new SizeLimitHandler(maximumRequestBytes, -1);
        sizeLimit.setHandler(context);
        jetty.setHandler(sizeLimit);
        jetty.setErrorHandler(new OperationOutcomeErrorHandler(fhirContext, maximumRequestBytes));
        jetty.start();
        FhirFacadeServer server = new FhirFacadeServer(jetty);
        LOG.info("FHIR R4 facade at {}", server.baseUrl());
        return server;
    }

    public int port() {
        return ((org.eclipse.jetty.server.NetworkConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port() + BASE_PATH;
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }
}
