package rhix.audit.chain;

import java.util.Objects;
import java.util.Optional;
import rhix.region.NodeId;

/**
 * What {@link AuditChainVerifier} found.
 *
 * @param linksChecked          links whose event row hashed to them, from position 1
 * @param checkpointsChecked    checkpoints whose signature and hash held
 * @param lastVerifiedPosition  the last position verified before the first problem (the head when valid)
 * @param lastCheckpointPosition the last checkpoint that held; links after it are not yet under a signature
 * @param pendingEvents         stored events after the last verified link: when valid, the chainer's backlog
 * @param firstProblem          empty when valid
 */
public record AuditChainReport(
        NodeId nodeId,
        Status status,
        long linksChecked,
        long checkpointsChecked,
        long lastVerifiedPosition,
        long lastCheckpointPosition,
        long pendingEvents,
        Optional<AuditChainFinding> firstProblem) {

    public enum Status { VALID, BROKEN }

    public AuditChainReport {
        Objects.requireNonNull(nodeId, "nodeId is null");
        Objects.requireNonNull(status, "status is null");
        Objects.requireNonNull(firstProblem, "firstProblem is null");
        if ((status == Status.VALID) != firstProblem.isEmpty()) {
            throw new IllegalArgumentException("a " + status + " report " + (firstProblem.isEmpty() ? "needs" : "has no") + " finding");
        }
    }

    public boolean isValid() {
        return status == Status.VALID;
    }

    /** A few lines for an operator or a log. */
    public String describe() {
        StringBuilder text = new StringBuilder()
                .append("audit chain of ").append(nodeId).append(": ").append(status).append('\n')
                .append("  links checked:        ").append(linksChecked).append('\n')
                .append("  checkpoints checked:  ").append(checkpointsChecked).append('\n')
                .append("  last verified:        position ").append(lastVerifiedPosition).append('\n')
                .append("  last checkpoint:      position ").append(lastCheckpointPosition)
                .append(" (").append(Math.max(0, lastVerifiedPosition - lastCheckpointPosition)).append(" links after it unsigned)\n")
                .append("  events not yet linked: ").append(pendingEvents).append('\n');
        firstProblem.ifPresent(problem -> text.append("  ").append(problem.type()).append(": ").append(problem.message()).append('\n'));
        return text.toString();
    }
}
