package rhix.node.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.sql.SQLException;
import java.util.Optional;
import rhix.audit.chain.AuditChainReport;
import rhix.audit.chain.AuditChainVerifier;
import rhix.audit.chain.AuditCheckpoint;
import rhix.audit.chain.NodeSigningKey;
import rhix.node.NodeConfiguration;

/**
 * The node's audit chain over its event store ({@code /audit/chain}): verify it with the node's own public key, hand
 * out that key, sign the head on demand.
 *
 * <p>A BROKEN chain answers 409 Conflict with the same report as a valid one: the request was fine and the report is
 * the answer, but the stored events conflict with their links and signatures. A 5xx would read as "the node failed"
 * and invite a retry; a 200 would let a monitor that checks only the status miss the break.
 */
@Controller("/audit/chain")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuditChainController {

    /** The response header naming the key: hex SHA-256 of its X.509 encoding, as every checkpoint records it. */
    public static final String KEY_ID_HEADER = "X-Rhix-Key-Id";

    private final AuditChainVerifier verifier;
    private final NodeSigningKey key;
    private final NodeConfiguration node;
    private final AuditChainSchedule schedule;
    private final SignedCheckpoints checkpoints;

    public AuditChainController(AuditChainVerifier verifier, NodeSigningKey key, NodeConfiguration node,
                                AuditChainSchedule schedule, SignedCheckpoints checkpoints) {
        this.verifier = verifier;
        this.key = key;
        this.node = node;
        this.schedule = schedule;
        this.checkpoints = checkpoints;
    }

    /**
     * 200 with the report when VALID, 409 with the same report when BROKEN.
     *
     * @param witnessedPosition a checkpoint position recorded outside this node (by the parent, an auditor): a chain
     *                          that no longer reaches it is TRUNCATED, which the node's own checkpoints cannot show once
     *                          the tail was removed together with them
     */
    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> verify(@QueryValue @Nullable Long witnessedPosition) {
        if (witnessedPosition != null && witnessedPosition < 0) {
            return HttpResponse.badRequest(new Problem("witnessedPosition must not be negative: " + witnessedPosition));
        }
        AuditChainReport report = verifier.verify(node.nodeId(), key.publicKey(), witnessedPosition == null ? 0 : witnessedPosition);
        ChainReportView view = ChainReportView.of(report, key.keyId());
        return report.isValid() ? HttpResponse.ok(view) : HttpResponse.status(HttpStatus.CONFLICT).body(view);
    }

    /** The X.509 public key in PEM: what {@code VerifyAuditChain --public-key} and any outside verifier need. */
    @Get(uri = "/public-key", produces = MediaType.TEXT_PLAIN)
    public HttpResponse<String> publicKey() {
        return HttpResponse.ok(key.publicKeyPem()).header(KEY_ID_HEADER, key.keyId());
    }

    /**
     * Links the pending events and signs the head: 201 with the new checkpoint; 200 with the latest one when the head
     * was already signed; 409 when nothing is linked yet.
     */
    @Post(uri = "/checkpoints", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> signHead() throws SQLException {
        Optional<AuditCheckpoint> signed = schedule.signHeadNow();
        if (signed.isPresent()) {
            return HttpResponse.created(CheckpointView.of(node.id(), signed.get()));
        }
        return checkpoints.latest().<HttpResponse<?>>map(latest -> HttpResponse.ok(CheckpointView.of(node.id(), latest)))
                .orElseGet(() -> HttpResponse.status(HttpStatus.CONFLICT)
                        .body(new Problem("the audit chain of " + node.id() + " is empty: no event to sign yet")));
    }
}
