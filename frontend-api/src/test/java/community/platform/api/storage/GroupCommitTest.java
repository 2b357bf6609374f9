package community.platform.api.storage;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store whose writes become durable only at a commit, which captures every write made before it begins: each writer
 * must return only once such a commit holds its write, and writers that arrive together must share commits.
 */
class GroupCommitTest {

    private final AtomicLong inMemory = new AtomicLong();
    /** The writes the last finished commit holds. */
    private final AtomicLong durable = new AtomicLong();

    private final GroupCommit commits = new GroupCommit(() -> {
        long capturedAtStart = inMemory.get();
        sleep(2);
        durable.set(capturedAtStart);
    });

    @Test
    void aWriterReturnsOnlyOnceACommitHoldsItsWriteAndConcurrentWritersShareCommits() throws Exception {
        int writers = 16;
        int writesEach = 50;
        ConcurrentLinkedQueue<String> early = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        List<Future<Object>> done = IntStream.range(0, writers).mapToObj(w -> threads.<Object>submit(() -> {
            start.await();
            for (int i = 0; i < writesEach; i++) {
                long mine = inMemory.incrementAndGet();
                commits.afterWrite();
                if (durable.get() < mine) {
                    early.add("write " + mine + " answered while only " + durable.get() + " were durable");
                }
            }
            return null;
        })).toList();
        start.countDown();
        for (Future<Object> writer : done) {
            writer.get();
        }
        threads.shutdown();

        System.out.printf("%d writes from %d writers held by %d commits%n", commits.writes(), writers,
                          commits.commits());
        assertThat(early).isEmpty();
        assertThat(commits.writes()).isEqualTo(writers * writesEach);
        assertThat(commits.commits()).isLessThan(writers * writesEach / 4);
    }

    @Test
    void aLoneWriterCommitsEachWrite() {
        for (int i = 1; i <= 3; i++) {
            inMemory.incrementAndGet();
            commits.afterWrite();
            assertThat(durable.get()).isEqualTo(i);
        }
        assertThat(commits.commits()).isEqualTo(3);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
