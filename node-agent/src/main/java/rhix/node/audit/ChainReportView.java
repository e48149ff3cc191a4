package rhix.node.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import rhix.audit.chain.AuditChainFinding;
import rhix.audit.chain.AuditChainReport;

/**
 * {@code GET /audit/chain} as JSON. Nulls are written out so that a valid chain reads {@code "firstProblem": null}.
 *
 * @param unsignedLinks links after the last checkpoint: only as safe as the database until the next signature
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ChainReportView(String nodeId, String status, String keyId, long linksChecked, long checkpointsChecked,
                              long lastVerifiedPosition, long lastCheckpointPosition, long unsignedLinks,
                              long pendingEvents, ProblemView firstProblem) {

    /**
     * Where the first problem is. {@code position} is the chain position (for a forged chain the checkpoint's, for a
     * truncated one the position it is known to have reached, for an unlinked event the position it sits before);
     * {@code globalIndex} and {@code eventIdentifier} name the event row when the finding has one.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ProblemView(String type, Long position, Long globalIndex, String eventIdentifier, String message) {

        static ProblemView of(AuditChainFinding finding) {
            return switch (finding) {
                case AuditChainFinding.Altered f -> view(f, f.position(), f.globalIndex(), f.eventIdentifier());
                case AuditChainFinding.Missing f -> view(f, f.position(), f.globalIndex(), f.eventIdentifier());
                case AuditChainFinding.MissingLink f -> view(f, f.position(), null, null);
                case AuditChainFinding.Reordered f -> view(f, f.position(), f.globalIndex(), f.linkedEventIdentifier());
                case AuditChainFinding.ChainForged f -> view(f, f.checkpointPosition(), null, null);
                case AuditChainFinding.UnlinkedEvent f -> view(f, f.beforePosition(), f.globalIndex(), f.eventIdentifier());
                case AuditChainFinding.Truncated f -> view(f, f.knownPosition(), null, null);
            };
        }

        private static ProblemView view(AuditChainFinding finding, Long position, Long globalIndex, String eventIdentifier) {
            return new ProblemView(finding.type().name(), position, globalIndex, eventIdentifier, finding.message());
        }
    }

    static ChainReportView of(AuditChainReport report, String keyId) {
        return new ChainReportView(report.nodeId().value(), report.status().name(), keyId, report.linksChecked(),
                report.checkpointsChecked(), report.lastVerifiedPosition(), report.lastCheckpointPosition(),
                Math.max(0, report.lastVerifiedPosition() - report.lastCheckpointPosition()), report.pendingEvents(),
                report.firstProblem().map(ProblemView::of).orElse(null));
    }
}
