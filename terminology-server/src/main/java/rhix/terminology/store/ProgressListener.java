package rhix.terminology.store;

/** Progress of a long write: {@code done} of {@code total} units (concepts, map elements, resources). */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (done, total) -> { };

    void progress(long done, long total);
}
