package rhix.node.ingest;

import java.util.List;

/** A batch's ledger entry and, for what was refused, the problems with their locations and paths. */
public record IngestResult(IngestReport report, List<IngestProblem> problems) {

    public IngestResult {
        problems = List.copyOf(problems);
    }

    public boolean rejected() {
        return report.status() == BatchStatus.REJECTED;
    }
}
