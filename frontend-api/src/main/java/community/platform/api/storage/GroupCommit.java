package community.platform.api.storage;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Commits shared by the writes that wait for them, as a database's log does (MongoDB's journal, a group commit). A
 * writer calls {@link #afterWrite} once its write is in the store's memory, and returns only when a commit that began
 * after that write has finished. While one commit runs, the writes that arrive queue; the first of them to get the
 * turn commits them all, and the others find their writes already held and return without a commit of their own.
 * <p>
 * Why a write is held by the commit that covers its ticket: a writer takes its ticket after its write is in memory,
 * and the committing writer reads the last ticket before it commits, so every write up to that ticket happened before
 * the commit began. Without this, each waiting writer ran a commit of its own once the one before had finished, each
 * writing a chunk of the file for the few writes that came in meanwhile.
 */
final class GroupCommit {

    private final Runnable commit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition committedMore = lock.newCondition();
    private final AtomicLong commits = new AtomicLong();
    private long written;
    private long committed;
    private boolean committing;

    GroupCommit(Runnable commit) {
        this.commit = commit;
    }

    /**
     * Returns once the write just made is committed, by this call or by one that began after the write. The commit
     * runs outside the lock, so writers whose writes it holds, and writers arriving meanwhile, are not queued behind
     * it: they wait for it to end, and one of the latter then commits for all of them.
     */
    void afterWrite() {
        lock.lock();
        try {
            long ticket = ++written;
            while (committed < ticket) {
                if (committing) {
                    committedMore.awaitUninterruptibly();
                    continue;
                }
                committing = true;
                long covered = written;
                lock.unlock();
                try {
                    commit.run();
                } finally {
                    lock.lock();
                    committing = false;
                    committedMore.signalAll();
                }
                commits.incrementAndGet();
                committed = covered;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Writes acknowledged so far. */
    long writes() {
        lock.lock();
        try {
            return written;
        } finally {
            lock.unlock();
        }
    }

    /** Commits made so far; under concurrent writes fewer than {@link #writes()}. */
    long commits() {
        return commits.get();
    }
}
