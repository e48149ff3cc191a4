package rhix.audit.chain;

/**
 * The first thing found wrong with a chain. Each kind names where it is: the link position, the event's
 * globalIndex and eventIdentifier, or the checkpoint.
 */
public sealed interface AuditChainFinding {

    enum Type { ALTERED, MISSING, REORDERED, CHAIN_FORGED, UNLINKED_EVENT, TRUNCATED }

    Type type();

    /** One sentence for an operator: what is wrong, where, and what it means. */
    String message();

    /** The event row at a linked position is the linked event, but its bytes (or its link hash) changed. */
    record Altered(long position, long globalIndex, String eventIdentifier) implements AuditChainFinding {
        @Override
        public Type type() {
            return Type.ALTERED;
        }

        @Override
        public String message() {
            return "event " + eventIdentifier + " (globalIndex " + globalIndex + ") at chain position " + position
                    + " was altered: its stored row no longer hashes to the link";
        }
    }

    /** A linked event's row is gone from the event store. */
    record Missing(long position, long globalIndex, String eventIdentifier) implements AuditChainFinding {
        @Override
        public Type type() {
            return Type.MISSING;
        }

        @Override
        public String message() {
            return "event " + eventIdentifier + " (globalIndex " + globalIndex + ") linked at chain position " + position
                    + " is missing from the event store";
        }
    }

    /** A link row itself is gone: positions jump from {@code position - 1} to {@code nextPresentPosition}. */
    record MissingLink(long position, long nextPresentPosition) implements AuditChainFinding {
        @Override
        public Type type() {
            return Type.MISSING;
        }

        @Override
        public String message() {
            return "chain position " + position + " is missing from the link table (the next link is at "
                    + nextPresentPosition + "): the chain was cut";
        }
    }

    /**
     * The row at a linked globalIndex is another event, or the link table's order no longer follows globalIndex:
     * rows or links were swapped or moved.
     */
    record Reordered(long position, long globalIndex, String linkedEventIdentifier, String foundEventIdentifier,
                     String detail) implements AuditChainFinding {
        @Override
        public Type type() {
            return Type.REORDERED;
        }

        @Override
        public String message() {
            return "chain position " + position + " (globalIndex " + globalIndex + ") is out of order: " + detail;
        }
    }

    /**
     * The links hash consistently but disagree with a signed checkpoint, or a checkpoint's signature does not verify:
     * someone without the node key rewrote the chain.
     */
    record ChainForged(long checkpointPosition, long previousCheckpointPosition, String detail)
            implements AuditChainFinding {
        @Override
        public Type type() {
            return Type.CHAIN_FORGED;
        }

        @Override
        public String message() {
            return "checkpoint at chain position " + checkpointPosition + " " + detail
                    + ": the chain was recomputed without the node key; the change lies in positions "
                    + (previousCheckpointPosition + 1) + ".." + checkpointPosition;
        }
    }

    /** An event row older than the chain head that no link covers, e.g. inserted behind the chain. */
    record UnlinkedEvent(long globalIndex, String eventIdentifier, long beforePosition) implements AuditChainFinding {
        @Override
        public Type type() {
            return Type.UNLINKED_EVENT;
        }

        @Override
        public String message() {
            return "event " + eventIdentifier + " (globalIndex " + globalIndex + ") sits behind the chain, before position "
                    + beforePosition + ", with no link: it was inserted out of band (or committed after its hole was skipped)";
        }
    }

    /** The chain ends before a position it is known to have reached: a signed checkpoint or a witness says so. */
    record Truncated(long chainLength, long knownPosition, String evidence) implements AuditChainFinding {
        @Override
        public Type type() {
            return Type.TRUNCATED;
        }

        @Override
        public String message() {
            return "the chain ends at position " + chainLength + " but " + evidence + " shows it reached position "
                    + knownPosition + ": its tail was removed";
        }
    }
}
