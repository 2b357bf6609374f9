package community.platform.api.audit;

import community.platform.ApiTest;
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
 * The global log of 100,000 events exported as NDJSON and as CSV. The heap is measured after a full GC before the
 * export and again halfway through it: what the export holds at once is the difference. Holding the whole result
 * would take well over 100 MB here (each event is some 400 bytes of payload, more as maps and strings). The load goes
 * into a store of its own (a context of its own), so the other tests do not read through it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "platform.test.store=export-memory")
class ExportMemoryTest extends ApiTest {

    private static final int EVENTS = 100_000;
    private static final int PER_COMMIT = 1_000;
    private static final long BOUND = 16L * 1024 * 1024;

    /** An event no projection handles, written straight to the store. */
    record LoadNote(String streamId, long number, String text) {
    }

    @Autowired
    private EventStorageEngine storage;

    private String auditor;

    @LocalServerPort
    private int port;

    @BeforeAll
    void aLargeLog() {
        auditor = account("auditor", "export-password", "AUDITOR");
        String text = "春联".repeat(50) + "x".repeat(300);
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

    private static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private void exportHoldsBoundedMemory(String format, MediaType accept) {
        long before = heapAfterGc();
        AtomicLong midway = new AtomicLong();
        AtomicLong lines = new AtomicLong();
        long started = System.nanoTime();
        // a plain WebClient: WebTestClient keeps a copy of every body it receives, for its failure reports
        WebClient.create("http://localhost:" + port)
                .get().uri("/api/audit/events?actor=loader" + (format == null ? "" : "&format=" + format))
                .headers(h -> h.setBasicAuth(auditor, "export-password"))
                .accept(accept).retrieve().bodyToFlux(String.class)
                .doOnNext(line -> {
                    if (lines.incrementAndGet() == EVENTS / 2) {
                        midway.set(heapAfterGc());
                    }
                })
                .blockLast(Duration.ofMinutes(5));
        long millis = (System.nanoTime() - started) / 1_000_000;
        long held = midway.get() - before;
        System.out.printf("export of %,d events as %s: %,d lines in %,d ms; heap after GC %,d MB before, %,d MB "
                          + "halfway: %+,d MB held (bound %,d MB)%n", EVENTS, format == null ? "ndjson" : format,
                          lines.get(), millis, before >> 20, midway.get() >> 20, held >> 20, BOUND >> 20);
        assertThat(lines.get()).isEqualTo(format == null ? EVENTS : EVENTS + 1);
        assertThat(held).isLessThan(BOUND);
    }

    @Test
    void ndjsonStreamsInBoundedMemory() {
        exportHoldsBoundedMemory(null, MediaType.APPLICATION_NDJSON);
    }

    @Test
    void csvStreamsInBoundedMemory() {
        exportHoldsBoundedMemory("csv", new MediaType("text", "csv"));
    }
}
