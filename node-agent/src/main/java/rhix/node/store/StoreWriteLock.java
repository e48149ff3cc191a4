package rhix.node.store;

import jakarta.inject.Singleton;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One writer at a time per node, whichever door the data came in by (an ingestion batch or a FHIR
 * write): version numbers are read and incremented inside it, so two writers never both make version 2.
 */
@Singleton
public class StoreWriteLock {

    private final ReentrantLock lock = new ReentrantLock(true);

    public void lock() {
        lock.lock();
    }

    public void unlock() {
        lock.unlock();
    }
}
