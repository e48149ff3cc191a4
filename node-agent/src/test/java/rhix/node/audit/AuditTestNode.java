package rhix.node.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import rhix.exchange.api.AuthoriseExchangeCommand;
import rhix.exchange.api.RequestExchangeCommand;
import rhix.node.fhir.FhirFacade;
import rhix.policy.PurposeOfUse;
import rhix.region.NodeId;
import rhix.testing.TestDatabase;

/**
 * One node on its own PostgreSQL database with its HTTP server and FHIR API, whose chainer does not run by itself
 * (the interval is an hour): a test appends events through the node's own CommandGateway and runs the chainer when
 * it wants the chain to grow.
 */
final class AuditTestNode implements AutoCloseable {

    static final String NODE_ID = "county-330102";
    static final ObjectMapper JSON = new ObjectMapper();

    private final TestDatabase database;
    private final EmbeddedServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AuditTestNode(TestDatabase database, EmbeddedServer server) {
        this.database = database;
        this.server = server;
    }

    static AuditTestNode start(Path keyDirectory) {
        return start(keyDirectory, Map.of());
    }

    static AuditTestNode start(Path keyDirectory, Map<String, Object> more) {
        TestDatabase database = TestDatabase.create("audit");
        try {
            return new AuditTestNode(database, ApplicationContext.run(EmbeddedServer.class, properties(database, keyDirectory, more)));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    static Map<String, Object> properties(TestDatabase database, Path keyDirectory, Map<String, Object> more) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "rhix.node.id", NODE_ID, "rhix.node.level", "COUNTY", "rhix.node.division-code", "330102",
                "rhix.node.store.url", database.jdbcUrl(), "micronaut.server.port", -1,
                "rhix.node.audit.key-directory", keyDirectory.toString(),
                "rhix.node.audit.chain-interval", "1h", "rhix.node.audit.checkpoint-interval", 5));
        properties.putAll(more);
        return properties;
    }

    ApplicationContext context() {
        return server.getApplicationContext();
    }

    TestDatabase database() {
        return database;
    }

    String fhirBaseUrl() {
        return context().getBean(FhirFacade.class).baseUrl();
    }

    /** A real exchange through the node's CommandGateway: requested, then authorised with two providers (2 events). */
    String requestAndAuthoriseExchange(String requester, String enterprisePersonId) {
        String exchangeId = "ex-" + UUID.randomUUID();
        CommandGateway commands = context().getBean(CommandGateway.class);
        commands.sendAndWait(new RequestExchangeCommand(exchangeId, NodeId.of("hospital-330102-01"), requester,
                PurposeOfUse.TREATMENT, enterprisePersonId, List.of("2345-7"), Instant.now().plus(Duration.ofMinutes(5))));
        commands.sendAndWait(new AuthoriseExchangeCommand(exchangeId, List.of(NodeId.of("county-330103"), NodeId.of("county-330104"))));
        return exchangeId;
    }

    /** What the schedule does every chain-interval, now. */
    void chainAndSign() {
        context().getBean(AuditChainSchedule.class).run();
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply getAbsolute(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/fhir+json").GET());
    }

    Reply getAbsolute(String url, String bearerToken) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/fhir+json")
                .header("Authorization", "Bearer " + bearerToken).GET());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Reply(int status, String contentType, Map<String, List<String>> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(h -> h.getValue().getFirst()).orElse(null);
        }
    }

    /** Runs SQL against the node's database as an attacker with database access would. */
    int tamper(String sql, Object... parameters) {
        try (var connection = database.connect(); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("tampering failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (server.getApplicationContext().isRunning()) {
                server.getApplicationContext().close();
            }
        } finally {
            database.close();
        }
    }
}
