package community.platform.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

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

    /** What a burst did: its rate and latencies, and what the rosters held afterwards. */
    record Result(int signUps, int clients, double seconds, double p50, double p99, int confirmed,
                  int expectedConfirmed, int waitlisted, int duplicates, List<String> errors, StoreWork answered,
                  StoreWork settled) {

        boolean correct() {
            return errors.isEmpty() && duplicates == 0 && confirmed == expectedConfirmed
                    && waitlisted == signUps - expectedConfirmed;
        }

        double rate() {
            return signUps / seconds;
        }

        String line() {
            return String.format("sign-up burst: %,d sign-ups from %d clients in %.1f s = %.0f sign-ups/s, p50 %.0f ms,"
                                 + " p99 %.0f ms; confirmed %,d (expected %,d), waitlisted %,d (expected %,d),"
                                 + " duplicates %d, errors %d: %s", signUps, clients, seconds, rate(), p50, p99,
                                 confirmed, expectedConfirmed, waitlisted, signUps - expectedConfirmed, duplicates,
                                 errors.size(), correct() ? "correct" : "WRONG");
        }
    }

    public static void main(String[] args) throws Exception {
        int residents = Integer.parseInt(EventStoreBenchmark.option(args, "residents", "2000"));
        int posts = Integer.parseInt(EventStoreBenchmark.option(args, "posts", "20"));
        int capacity = Integer.parseInt(EventStoreBenchmark.option(args, "capacity", "50"));
        int clients = Integer.parseInt(EventStoreBenchmark.option(args, "clients", "32"));
        Path jar = Path.of(EventStoreBenchmark.option(args, "jar", Platform.JAR));
        Path out = Path.of(EventStoreBenchmark.option(args, "out", "docs/benchmarks.md"));
        boolean correct;
        try (Platform platform = Platform.start(jar, "burst-bench", Api.environment(), Api.arguments())) {
            System.out.printf("start-up until health UP on an empty store: %,d ms (target under 10 s)%n",
                              platform.startUp.toMillis());
            Api api = new Api(platform);
            api.registerOrganizer("organizer");
            Result burst = run(api, "organizer", "resident-", residents, posts, capacity, clients);
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
                                  burst.expectedConfirmed(), residents - burst.expectedConfirmed(), burst.rate(),
                                  burst.p50(), burst.p99(), burst.confirmed(), burst.waitlisted(), burst.duplicates(),
                                  burst.errors().size(), burst.correct() ? "correct" : "**wrong**",
                                  platform.startUp.toMillis()));
            System.out.println("wrote " + out);
            correct = burst.correct();
        }
        // after the platform is closed: System.exit in the block would leave its process running
        if (!correct) {
            System.exit(1);
        }
    }

    /**
     * Residents {@code prefix-0..} sign up, each once, for {@code posts} new posts of the organizer; then the rosters
     * are read back and counted.
     */
    static Result run(Api api, String organizer, String prefix, int residents, int posts, int capacity, int clients)
            throws Exception {
        List<String> postIds = api.publishPosts(organizer, "Duty", posts, capacity);
        long preparing = System.nanoTime();
        api.registerResidents(prefix, residents);
        System.out.printf("prepared %,d residents and %d posts in %.0f s%n", residents, posts,
                          (System.nanoTime() - preparing) / 1e9);

        Histogram latency = new ConcurrentHistogram(60_000_000_000L, 3);
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        StoreWork before = StoreWork.read(api);
        long burst = System.nanoTime();
        Api.inParallel(residents, clients, r -> {
            long sent = System.nanoTime();
            int status = api.signUp(prefix + r, postIds.get(r % posts));
            latency.recordValue(System.nanoTime() - sent);
            if (status != 201) {
                errors.add("sign-up answered " + status);
            }
        });
        double seconds = (System.nanoTime() - burst) / 1e9;
        StoreWork answered = StoreWork.read(api).perCommandSince(before, residents);
        api.awaitCaughtUp(Duration.ofSeconds(60));
        StoreWork settled = StoreWork.read(api).perCommandSince(before, residents);

        int confirmed = 0;
        int waitlisted = 0;
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        for (String post : postIds) {
            JsonNode roster = api.roster(organizer, post);
            for (JsonNode seat : roster.get("confirmed")) {
                confirmed++;
                duplicates += seen.add(seat.get("username").asText()) ? 0 : 1;
            }
            for (JsonNode place : roster.get("waitlist")) {
                waitlisted++;
                duplicates += seen.add(place.get("username").asText()) ? 0 : 1;
            }
        }
        Result result = new Result(residents, clients, seconds, latency.getValueAtPercentile(50) / 1e6,
                                   latency.getValueAtPercentile(99) / 1e6, confirmed,
                                   Math.min(residents, posts * capacity), waitlisted, duplicates, List.copyOf(errors),
                                   answered, settled);
        System.out.println(result.line());
        System.out.println("store work per sign-up until the last answer: " + answered.describe(40));
        System.out.println("store work per sign-up once every view had caught up: " + settled.describe(8));
        errors.stream().limit(5).forEach(e -> System.out.println("  error: " + e));
        return result;
    }
}
