package rhix.mpi.link;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One phase's progress as parallel workers finish chunks: workers finish out of order, so a count is
 * passed on only when it is larger than the last one passed on, which keeps the listener's view monotonic.
 */
final class MonotonicProgress {

    private final LinkageProgressListener listener;
    private final LinkagePhase phase;
    private final long total;
    private final AtomicLong done = new AtomicLong();
    private long reported = -1;

    MonotonicProgress(LinkageProgressListener listener, LinkagePhase phase, long total) {
        this.listener = listener;
        this.phase = phase;
        this.total = total;
        report(0);
    }

    void advance(long amount) {
        report(done.addAndGet(amount));
    }

    void finish() {
        report(total);
    }

    private synchronized void report(long count) {
        if (count > reported) {
            reported = count;
            listener.progress(phase, Math.min(count, total), total);
        }
    }
}
