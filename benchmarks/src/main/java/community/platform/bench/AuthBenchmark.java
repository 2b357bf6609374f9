package community.platform.bench;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What signing in costs per request: the platform (the built jar, embedded storage in a temporary folder) is loaded
 * over HTTP by this separate process on one handler, {@code GET /api/public/ping} without credentials and
 * {@code GET /api/ping} with HTTP Basic, in alternating rounds. Also the latency of a first sign-in, which pays the
 * full BCrypt check.
 * <p>
 * Usage: {@code bench/run auth [--clients=16] [--seconds=5] [--rounds=5]}
 */
public final class AuthBenchmark {


    public static void main(String[] args) throws Exception {
        int clients = Integer.parseInt(EventStoreBenchmark.option(args, "clients", "16"));
        int seconds = Integer.parseInt(EventStoreBenchmark.option(args, "seconds", "5"));
        int rounds = Integer.parseInt(EventStoreBenchmark.option(args, "rounds", "5"));
        Path jar = Path.of(EventStoreBenchmark.option(args, "jar", Platform.JAR))
                       .toAbsolutePath();
        Path out = Path.of(EventStoreBenchmark.option(args, "out", "docs/benchmarks.md"));
        try (Platform platform = Platform.start(jar, "auth-bench", java.util.Map.of(), List.of())) {
            String base = platform.base;
            Api api = new Api(platform);
            List<Long> firstSignIns = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String username = "bench-" + i;
                api.register(username);
                long started = System.nanoTime();
                Platform.send(get(base + "/api/ping", username), 200);
                firstSignIns.add(System.nanoTime() - started);
            }
            for (int warmUp = 0; warmUp < 3; warmUp++) {
                rate(get(base + "/api/public/ping", null), clients, seconds);
                signedInRate(api, "bench-0", clients, seconds);
            }
            List<Double> anonymous = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            List<Double> signedIn = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                anonymous.add(rate(get(base + "/api/public/ping", null), clients, seconds));
                signedIn.add(signedInRate(api, "bench-0", clients, seconds));
                ratios.add(signedIn.get(round) / anonymous.get(round));
                System.out.printf("round %d: unauthenticated %.0f req/s, authenticated %.0f req/s%n", round + 1,
                                  anonymous.get(round), signedIn.get(round));
            }
            double plain = Figures.median(anonymous);
            double basic = Figures.median(signedIn);
            double ratio = Figures.median(ratios);
            double firstSignIn = Figures.percentile(firstSignIns.stream().mapToLong(Long::longValue).toArray(), 50);
            System.out.printf("unauthenticated=%.0f req/s authenticated=%.0f req/s ratio=%.2f first sign-in p50=%.1f ms%n",
                              plain, basic, ratio, firstSignIn);
            Figures.writeSection(out, "auth", """
                    ## What signing in costs

                    `bench/run auth`, %s, on %s. The built jar on embedded storage; this benchmark's process sends
                    `GET` requests to one handler from %d client threads over loopback; after three warm-up rounds each
                    way, %d rounds of %d s each way, alternating; medians (the ratio is the median of the rounds'
                    ratios). Target: authenticated at least 50%% of unauthenticated.

                    | unauthenticated (req/s) | HTTP Basic (req/s) | ratio | first sign-in, full BCrypt check (p50 ms) |
                    |---|---|---|---|
                    | %.0f | %.0f | %.2f | %.1f |

                    After the first BCrypt check a caller's password is remembered for 60 s as a SHA-256 digest
                    (`platform.security.verified-cache`), so later requests cost a hash and a map lookup.
                    """.formatted(LocalDate.now(), Figures.machine(), clients, rounds, seconds, plain, basic,
                                  ratio, firstSignIn));
            System.out.println("wrote " + out);
        }
    }

    /**
     * Requests per second that {@code clients} threads get for {@code seconds} from the trivial authenticated handler,
     * {@code GET /api/ping} with HTTP Basic as {@code username}: the yardstick other benchmarks divide their rates by.
     * The user should have signed in before, so that the remembered password answers rather than a BCrypt check.
     */
    static double signedInRate(Api api, String username, int clients, double seconds) throws Exception {
        return rate(get(api.api + "/ping", username), clients, seconds);
    }

    private static HttpRequest get(String url, String username) {
        return Platform.request(url, username, Api.PASSWORD).GET().build();
    }

    /** Requests per second that {@code clients} threads get answered 200 in {@code seconds}, each waiting for its answer. */
    private static double rate(HttpRequest request, int clients, double seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<Future<Long>> counts = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            counts.add(pool.submit(() -> {
                long done = 0;
                while (System.nanoTime() < deadline) {
                    Platform.send(request, 200);
                    done++;
                }
                return done;
            }));
        }
        long total = 0;
        for (Future<Long> count : counts) {
            total += count.get();
        }
        pool.shutdown();
        return total / ((System.nanoTime() - started) / 1e9);
    }
}
