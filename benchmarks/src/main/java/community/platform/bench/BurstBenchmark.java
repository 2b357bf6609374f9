package community.platform.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * The sign-up burst: 2,000 residents sign up for 20 posts of capacity 50 as fast as 32 concurrent clients can, over
 * HTTP from this process against the built jar (embedded storage in a temporary folder). Each resident signs up once,
 * 100 to a post, in an order that mixes the posts. Afterwards every roster is read: exactly 1,000 must hold a seat and
 * 1,000 a queue place, each resident exactly once, with no errors; otherwise the run exits non-zero.
 * <p>
 * Residents are registered and signed in once before the burst, so the burst measures sign-ups, not BCrypt (see
 * {@code bench/run auth} for what signing in costs); the platform is started with a verified-password cache of 30 min
 * for that.
 * <p>
 * Usage: {@code bench/run burst [--residents=2000] [--posts=20] [--capacity=50] [--clients=32]}
 */
public final class BurstBenchmark {

    private static final String PASSWORD = "burst-password";
    private static final String ADMIN_PASSWORD = "burst-admin-password";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int residents = Integer.parseInt(EventStoreBenchmark.option(args, "residents", "2000"));
        int posts = Integer.parseInt(EventStoreBenchmark.option(args, "posts", "20"));
        int capacity = Integer.parseInt(EventStoreBenchmark.option(args, "capacity", "50"));
        int clients = Integer.parseInt(EventStoreBenchmark.option(args, "clients", "32"));
        Path jar = Path.of(EventStoreBenchmark.option(args, "jar", "frontend-api/target/community-platform-exec.jar"));
        Path out = Path.of(EventStoreBenchmark.option(args, "out", "docs/benchmarks.md"));
        try (Platform platform = Platform.start(jar, "burst-bench", Map.of("PLATFORM_ADMIN_PASSWORD", ADMIN_PASSWORD),
                                                List.of("--platform.security.verified-cache=30m"))) {
            String api = platform.base + "/api";
            System.out.printf("start-up until health UP on an empty store: %,d ms (target under 10 s)%n",
                              platform.startUp.toMillis());
            register(api, "organizer", "Organizer");
            Platform.send(Platform.request(api + "/admin/accounts/organizer/roles", "admin", ADMIN_PASSWORD)
                                  .header("Content-Type", "application/json")
                                  .POST(HttpRequest.BodyPublishers.ofString("{\"role\":\"ORGANIZER\"}")).build(), 200);
            List<String> postIds = new ArrayList<>();
            OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(14).withNano(0);
            for (int p = 0; p < posts; p++) {
                String body = JSON.writeValueAsString(Map.of(
                        "title", "Duty " + p, "team", "health safeguarding", "location", "Square " + p,
                        "startsAt", start.plusHours(p * 3L).toString(),
                        "endsAt", start.plusHours(p * 3L + 2).toString(), "capacity", capacity));
                HttpResponse<String> created = Platform.send(
                        Platform.request(api + "/volunteer-posts", "organizer", PASSWORD)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), 201);
                postIds.add(JSON.readTree(created.body()).get("id").asText());
            }
            long preparing = System.nanoTime();
            inParallel(residents, 8, r -> {
                register(api, "resident-" + r, "Resident " + r);
                Platform.send(Platform.request(api + "/accounts/me", "resident-" + r, PASSWORD).GET().build(), 200);
            });
            System.out.printf("prepared %,d residents and %d posts in %.0f s%n", residents, posts,
                              (System.nanoTime() - preparing) / 1e9);

            Histogram latency = new ConcurrentHistogram(60_000_000_000L, 3);
            ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
            long burst = System.nanoTime();
            inParallel(residents, clients, r -> {
                String post = postIds.get(r % posts);
                long sent = System.nanoTime();
                HttpResponse<String> answer = Platform.HTTP.send(
                        Platform.request(api + "/volunteer-posts/" + post + "/signups", "resident-" + r, PASSWORD)
                                .POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
                latency.recordValue(System.nanoTime() - sent);
                if (answer.statusCode() != 201) {
                    errors.add(answer.statusCode() + " " + answer.body());
                }
            });
            double seconds = (System.nanoTime() - burst) / 1e9;

            int confirmed = 0;
            int waitlisted = 0;
            Set<String> seen = new HashSet<>();
            int duplicates = 0;
            for (String post : postIds) {
                JsonNode roster = JSON.readTree(Platform.send(Platform.request(
                        api + "/volunteer-posts/" + post + "/roster", "organizer", PASSWORD).GET().build(), 200).body());
                for (JsonNode seat : roster.get("confirmed")) {
                    confirmed++;
                    duplicates += seen.add(seat.get("username").asText()) ? 0 : 1;
                }
                for (JsonNode place : roster.get("waitlist")) {
                    waitlisted++;
                    duplicates += seen.add(place.get("username").asText()) ? 0 : 1;
                }
            }
            int expectedSeats = Math.min(residents, posts * capacity);
            boolean correct = errors.isEmpty() && duplicates == 0 && confirmed == expectedSeats
                    && waitlisted == residents - expectedSeats;
            double p50 = latency.getValueAtPercentile(50) / 1e6;
            double p99 = latency.getValueAtPercentile(99) / 1e6;
            System.out.printf("sign-up burst: %,d sign-ups from %d clients in %.1f s = %.0f sign-ups/s, p50 %.0f ms,"
                              + " p99 %.0f ms; confirmed %,d (expected %,d), waitlisted %,d (expected %,d),"
                              + " duplicates %d, errors %d: %s%n", residents, clients, seconds, residents / seconds,
                              p50, p99, confirmed, expectedSeats, waitlisted, residents - expectedSeats, duplicates,
                              errors.size(), correct ? "correct" : "WRONG");
            errors.stream().limit(5).forEach(e -> System.out.println("  error: " + e));
            Figures.writeSection(out, "burst", """
                    ## Sign-up burst

                    `bench/run burst`, %s, on %s. The built jar on embedded storage (durable H2 file) in its own
                    process; this benchmark's process sends %,d sign-ups (each resident once, %d posts of capacity
                    %d, the posts interleaved) from %d client threads over loopback, each request waiting for its
                    answer, which the platform gives once the roster shows the sign-up. Residents were registered and
                    signed in before the burst. Then every roster is read back. Target: exactly %,d confirmed and
                    %,d waitlisted, each resident once, no errors.

                    | sign-ups/s | p50 (ms) | p99 (ms) | confirmed | waitlisted | duplicates | errors | check |
                    |---|---|---|---|---|---|---|---|
                    | %.0f | %.0f | %.0f | %,d | %,d | %d | %d | %s |

                    Start-up of the same jar until `/actuator/health` answered UP, on an empty store: %,d ms (target
                    under 10 s).
                    """.formatted(LocalDate.now(), Figures.machine(), residents, posts, capacity, clients,
                                  expectedSeats, residents - expectedSeats, residents / seconds, p50, p99, confirmed,
                                  waitlisted, duplicates, errors.size(), correct ? "correct" : "**wrong**",
                                  platform.startUp.toMillis()));
            System.out.println("wrote " + out);
            if (!correct) {
                System.exit(1);
            }
        }
    }

    private static void register(String api, String username, String displayName) throws Exception {
        Platform.send(Platform.request(api + "/accounts", null, null).header("Content-Type", "application/json")
                              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                                      "username", username, "password", PASSWORD, "displayName", displayName))))
                              .build(), 201);
    }

    interface Task {
        void run(int index) throws Exception;
    }

    /** Runs tasks 0..count-1 on the given number of threads, each taking the next index; fails on the first failure. */
    private static void inParallel(int count, int threads, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = IntStream.range(0, threads).<Future<?>>mapToObj(t -> pool.submit(() -> {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                task.run(i);
            }
            return null;
        })).toList();
        try {
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
