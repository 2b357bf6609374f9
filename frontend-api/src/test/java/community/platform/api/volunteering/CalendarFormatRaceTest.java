package community.platform.api.volunteering;

import net.fortuna.ical4j.model.CalendarDateFormat;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calendars written at the same moment share ical4j's date formats, which build their formatter on first use. ical4j
 * before 4.2.5 published that formatter before giving it its UTC zone, so a second thread could format an instant
 * without one and fail ("Unsupported field: YearOfEra"): under a benchmark's load, {@code calendar.ics} answered 500.
 * This races many fresh formats of the UTC pattern the calendar uses, each on its first use.
 */
class CalendarFormatRaceTest {

    @Test
    void aDateFormatUsedFirstByTwoThreadsAtOnceFormatsForBoth() throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Instant moment = Instant.parse("2027-02-06T02:00:00Z");
            for (int round = 0; round < 2_000; round++) {
                CalendarDateFormat format = new CalendarDateFormat("yyyyMMdd'T'HHmmss'Z'");
                CyclicBarrier start = new CyclicBarrier(threads);
                List<CompletableFuture<String>> written = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    written.add(CompletableFuture.supplyAsync(() -> {
                        await(start);
                        return format.format(moment);
                    }, pool));
                }
                for (CompletableFuture<String> each : written) {
                    assertThat(each.get()).isEqualTo("20270206T020000Z");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
