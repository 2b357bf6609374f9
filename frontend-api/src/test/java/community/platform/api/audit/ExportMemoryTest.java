package community.platform.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import community.platform.ApiTest;
import community.platform.shared.audit.Corrective;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The global log of 100,000 events exported as NDJSON and as CSV, and the same 100,000 events (each a correction)
 * listed by the corrections endpoint. The memory in use is measured after a full GC before the answer and again
 * three times through it: what the answer holds at once is the difference. It counts the heap and the direct memory of
 * Netty's buffers, where an answer encoded whole would wait to be sent. Holding the whole result would take well over
 * 100 MB here (each event is some 700 bytes of payload, more as maps and strings). The load goes into a store of its
 * own (a context of its own), so the other tests do not read through it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "platform.test.store=export-memory")
class ExportMemoryTest extends ApiTest {

    private static final int EVENTS = 100_000;
    private static final int PER_COMMIT = 1_000;
    /**
     * About a third of the whole answer's text (some 90 MB for the NDJSON, twice that as Java strings). Run alone,
     * the answers hold 0–4 MB; in the full suite the cached contexts of other test classes keep working in the same
     * JVM between the two measurements and add some megabytes of their own.
     */
    private static final long BOUND = 32L * 1024 * 1024;

    /** An event no projection handles, written straight to the store; a correction, for the corrections' list. */
    record LoadNote(String streamId, long number, String text) implements Corrective {
        @Override
        public boolean corrects() {
            return true;
        }

        @Override
        public String reason() {
            return "load";
        }
    }

    @Autowired
    private EventStorageEngine storage;

    private String auditor;

    @LocalServerPort
    private int port;

    @BeforeAll
    void aLargeLog() {
        auditor = account("auditor", "export-password", "AUDITOR");
        String text = "春联".repeat(50) + "x".repeat(600);
        for (int commit = 0; commit < EVENTS / PER_COMMIT; commit++) {
            String stream = "load-" + unique("stream");
            List<DomainEventMessage<?>> events = LongStream.range(0, PER_COMMIT).<DomainEventMessage<?>>mapToObj(
                    seq -> new GenericDomainEventMessage<>("Load", stream, seq, new LoadNote(stream, seq, text),
                                                           MetaData.with("actor", "loader"))).toList();
            storage.appendEvents(events);
        }
        // the processors read past the load before anything is measured
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(3)).until(() -> asAdmin().get()
                .uri("/api/admin/projections").exchange().expectBody(com.fasterxml.jackson.databind.JsonNode.class)
                .returnResult().getResponseBody().findValues("lag").stream().allMatch(lag -> lag.asLong() == 0));
    }

    /**
     * The heap after a full GC, and the bytes Netty's buffers hold (outside the heap): the pinned bytes, not the
     * chunks the pool has reserved, which come in steps of megabytes whoever asks for them.
     */
    private static long memoryInUse() {
        System.gc();
        System.gc();
        long buffers = ByteBufAllocator.DEFAULT instanceof PooledByteBufAllocator netty
                ? netty.pinnedDirectMemory() + netty.pinnedHeapMemory() : 0;
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() + buffers;
    }

    /**
     * Reads the answer at {@code uri} item by item, and measures what is held at a quarter, half and three quarters of
     * it; the least of the three counts. An answer built whole holds it all at every one of them; the other contexts'
     * own work comes and goes, and can lift one sample by itself.
     */
    private void holdsBoundedMemory(String uri, MediaType accept, Class<?> item, long items) {
        long before = memoryInUse();
        AtomicLong midway = new AtomicLong(Long.MAX_VALUE);
        AtomicLong read = new AtomicLong();
        AtomicLong characters = new AtomicLong();
        long started = System.nanoTime();
        // a plain WebClient: WebTestClient keeps a copy of every body it receives, for its failure reports
        WebClient.create("http://localhost:" + port)
                .get().uri(uri)
                .headers(h -> h.setBasicAuth(auditor, "export-password"))
                .accept(accept).retrieve().bodyToFlux(item)
                .doOnNext(line -> {
                    characters.addAndGet(line.toString().length());
                    long n = read.incrementAndGet();
                    if (n == EVENTS / 4 || n == EVENTS / 2 || n == 3 * EVENTS / 4) {
                        midway.set(Math.min(midway.get(), memoryInUse()));
                    }
                })
                .blockLast(Duration.ofMinutes(5));
        long millis = (System.nanoTime() - started) / 1_000_000;
        long held = midway.get() - before;
        System.out.printf("%s with %,d events: %,d items (%,d MB of text) in %,d ms; in use after GC %,d MB before, "
                          + "%,d MB at least on the way: %+,d MB held (bound %,d MB)%n", uri, EVENTS, read.get(),
                          characters.get() >> 20, millis, before >> 20, midway.get() >> 20, held >> 20, BOUND >> 20);
        assertThat(read.get()).isEqualTo(items);
        assertThat(characters.get()).as("the whole answer is far larger than the bound").isGreaterThan(2 * BOUND);
        assertThat(held).isLessThan(BOUND);
    }

    @Test
    void ndjsonStreamsInBoundedMemory() {
        holdsBoundedMemory("/api/audit/events?actor=loader", MediaType.APPLICATION_NDJSON, String.class, EVENTS);
    }

    @Test
    void csvStreamsInBoundedMemory() {
        holdsBoundedMemory("/api/audit/events?actor=loader&format=csv", new MediaType("text", "csv"), String.class,
                           EVENTS + 1);
    }

    @Test
    void correctionsAreStreamedInBoundedMemory() {
        holdsBoundedMemory("/api/audit/corrections", MediaType.APPLICATION_JSON, JsonNode.class, EVENTS);
    }
}
