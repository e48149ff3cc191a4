package rhix.mpi.link;

/**
 * Hears how far a bulk linkage run has got, so that a run over millions of records can be watched (and
 * its phases timed) from outside. Within a phase {@code done} only grows, up to {@code total}; phases come
 * in {@link LinkagePhase} order. Calls may come from any worker thread, one at a time.
 */
@FunctionalInterface
public interface LinkageProgressListener {

    LinkageProgressListener NONE = (phase, done, total) -> { };

    void progress(LinkagePhase phase, long done, long total);
}
