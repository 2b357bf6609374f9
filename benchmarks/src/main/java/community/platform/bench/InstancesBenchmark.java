package community.platform.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.bson.Document;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Scale-out on one machine: N platform instances (1, 2, 4) on one store, loaded with the suite's sign-ups and
 * withdrawals spread over them, and the command rate per instance and in total as N grows. It says how far adding
 * instances helps when the store stays one, and what each command costs in CPU across all processes.
 * <p>
 * The store is the jar in store mode ({@code java -jar … store}) in a process of its own, as docs/deployment.md runs
 * several instances on one machine; the instances join it through {@code MONGODB_URI}. Each N gets a fresh store and
 * fresh instances. The clients (a fixed number in all, so the offered load does not grow with N) each use one instance
 * (client c the instance c mod N) and one resident, who signs up for a post and withdraws, over and over.
 * <p>
 * Usage: {@code bench/run instances [--instances=1,2,4] [--seconds=10] [--warmup=3] [--clients=32] [--jar=…]
 * [--poll-interval=…] [--out=docs/benchmarks.md]}
 */
public final class InstancesBenchmark {

    private static final int POSTS = 16;
    private static final String ORGANIZER = "organizer";
    private static final String PROCESSOR = "volunteer-posts";
    /** How long the instances are watched with no load, for what they send the store on their own. */
    private static final double IDLE_SECONDS = 5;
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    /** One N's figures. */
    record Result(int instances, double total, double[] perInstance, Histogram signUps, Histogram withdrawals,
                  double cpuInstancesMs, double cpuStoreMs, long commands, Map<String, Integer> errors,
                  String segments, Map<String, Double> storeCommands, Map<String, Long> growth, String processors,
                  double elapsed, Map<String, Double> idlePerSecond) {

        double perInstanceMean() {
            return total / instances;
        }

        String perInstanceList() {
            return Arrays.stream(perInstance).mapToObj(rate -> String.format("%.0f", rate))
                         .collect(Collectors.joining(" / "));
        }

        double cpuPerCommand() {
            return (cpuInstancesMs + cpuStoreMs) / commands;
        }

        /**
         * MongoDB commands sent by all instances per platform command, by the key's part {@code part} (0 command, 1
         * collection); with {@code net}, less what the instances sent while idle over as many seconds (claims, token
         * checks, balancing, health), which does not grow with commands.
         */
        Map<String, Double> storeCommandsPerCommand(int part, boolean net) {
            Map<String, Double> by = new TreeMap<>();
            storeCommands.forEach((key, count) -> by.merge(
                    key.split(" ")[part],
                    (count - (net ? idlePerSecond.getOrDefault(key, 0.0) * elapsed : 0)) / commands, Double::sum));
            return by;
        }

        double storeCommandsPerCommand(boolean net) {
            return storeCommandsPerCommand(0, net).values().stream().mapToDouble(Double::doubleValue).sum();
        }

        double idleStoreCommandsPerSecond() {
            return idlePerSecond.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        String growthPerCommand() {
            return growth.entrySet().stream().filter(entry -> entry.getValue() != 0)
                         .map(entry -> String.format("%s %.2f", entry.getKey(), (double) entry.getValue() / commands))
                         .collect(Collectors.joining(", "));
        }
    }

    private final Path jar;
    private final double seconds;
    private final double warmup;
    private final int clients;
    private final List<String> extraArguments;

    private InstancesBenchmark(Path jar, double seconds, double warmup, int clients, List<String> extraArguments) {
        this.jar = jar;
        this.seconds = seconds;
        this.warmup = warmup;
        this.clients = clients;
        this.extraArguments = extraArguments;
    }

    public static void main(String[] args) throws Exception {
        int[] counts = Arrays.stream(EventStoreBenchmark.option(args, "instances", "1,2,4").split(","))
                             .mapToInt(Integer::parseInt).toArray();
        String poll = EventStoreBenchmark.option(args, "poll-interval", "");
        InstancesBenchmark bench = new InstancesBenchmark(
                Path.of(EventStoreBenchmark.option(args, "jar", Platform.JAR)),
                Double.parseDouble(EventStoreBenchmark.option(args, "seconds", "10")),
                Double.parseDouble(EventStoreBenchmark.option(args, "warmup", "3")),
                Integer.parseInt(EventStoreBenchmark.option(args, "clients", "32")),
                poll.isEmpty() ? List.of() : List.of("--platform.views.poll-interval=" + poll));
        Path out = Path.of(EventStoreBenchmark.option(args, "out", "docs/benchmarks.md"));
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("%d cores; %d clients in all; %.0f s warm-up and %.0f s measured per N; store: the jar in"
                          + " store mode, a process of its own (durable H2 file)%n", cores, bench.clients, bench.warmup,
                          bench.seconds);
        if (Arrays.stream(counts).max().orElse(1) + 2 > cores) {
            System.out.println("note: " + starved(cores));
        }
        List<Result> results = new ArrayList<>();
        for (int n : counts) {
            Result result = bench.run(n);
            results.add(result);
            System.out.println(line(result, results.get(0)));
            System.out.println("  " + details(result));
        }
        System.out.println();
        results.forEach(result -> System.out.println(line(result, results.get(0))));
        write(out, bench, results, String.join(" ", args), cores);
        boolean wrong = results.stream().anyMatch(result -> !result.errors().isEmpty());
        if (wrong) {
            System.out.println("Some commands were not answered as expected (see errors above).");
            System.exit(1);
        }
    }

    /** Said in the output and the doc whenever the processes outnumber the cores. */
    static String starved(int cores) {
        return "The store, every instance and this load generator share " + cores + " cores. Even one instance"
               + " competes with the store and the load for them; each added instance adds processors, threads and"
               + " polling but no core, and at 4 instances they are CPU-starved. So a falling total here is this"
               + " machine's limit, not what instances on machines of their own would do; the CPU per command is the"
               + " figure that carries over.";
    }

    static String line(Result result, Result first) {
        return String.format("%d instance(s): %.0f commands/s in all, %.0f per instance (%s), ratio to N=%d %.2f;"
                             + " sign-up p50 %.0f ms p99 %.0f ms, withdrawal p50 %.0f ms p99 %.0f ms;"
                             + " CPU %.1f ms per command (instances %.0f s, store %.0f s); segments of %s: %s; %s",
                             result.instances(), result.total(), result.perInstanceMean(), result.perInstanceList(),
                             first.instances(), result.total() / first.total(),
                             ms(result.signUps(), 50), ms(result.signUps(), 99), ms(result.withdrawals(), 50),
                             ms(result.withdrawals(), 99), result.cpuPerCommand(), result.cpuInstancesMs() / 1000,
                             result.cpuStoreMs() / 1000, PROCESSOR, result.segments(),
                             result.errors().isEmpty() ? "no errors" : "ERRORS " + result.errors());
    }

    /** What the store did per command: MongoDB commands by kind and by collection, and the documents added. */
    static String details(Result result) {
        return String.format("MongoDB commands per command (all instances): %.1f, of which %.1f more than idle;"
                             + " idle %.0f/s (by collection %s); per command, net of idle, by kind %s, by collection"
                             + " %s; documents added per command: %s; %s",
                             result.storeCommandsPerCommand(false), result.storeCommandsPerCommand(true),
                             result.idleStoreCommandsPerSecond(), rounded(byPart(result.idlePerSecond(), 1)),
                             rounded(result.storeCommandsPerCommand(0, true)),
                             rounded(result.storeCommandsPerCommand(1, true)), result.growthPerCommand(),
                             result.processors());
    }

    private static Map<String, Double> byPart(Map<String, Double> counts, int part) {
        Map<String, Double> by = new TreeMap<>();
        counts.forEach((key, count) -> by.merge(key.split(" ")[part], count, Double::sum));
        return by;
    }

    private static String rounded(Map<String, Double> values) {
        return values.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                     .filter(entry -> entry.getValue() >= 0.05)
                     .map(entry -> String.format("%s %.1f", entry.getKey(), entry.getValue()))
                     .collect(Collectors.joining(", "));
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1e6;
    }

    /** A fresh store and {@code n} instances on it; preparation, warm-up, then the measured load. */
    private Result run(int n) throws Exception {
        Path data = Files.createTempDirectory("instances-" + n).resolve("data");
        List<Platform> instances = new ArrayList<>();
        Platform store = Platform.store(jar, data, Platform.freePort());
        try {
            Map<String, String> environment = new HashMap<>(Api.environment());
            environment.put("MONGODB_URI", store.base + "/platform");
            List<String> arguments = new ArrayList<>(Api.arguments());
            arguments.addAll(extraArguments);
            for (int i = 0; i < n; i++) {
                instances.add(Platform.start(jar, "instances-" + n + "-" + i, environment, arguments));
            }
            List<Api> apis = instances.stream().map(Api::new).toList();
            Api first = apis.get(0);
            first.registerOrganizer(ORGANIZER);
            List<String> posts = first.publishPosts(ORGANIZER, "Instances", POSTS, 500);
            Api.inParallel(clients, 8, c -> {
                first.register(resident(c));
                // signed in once on the instance it will use, so its password check is remembered there
                Platform.send(Platform.request(apis.get(c % n).api + "/accounts/me", resident(c), Api.PASSWORD)
                                      .GET().build(), 200);
            });
            String segments = awaitSegmentsSpread(store, instances);
            System.out.printf("N=%d: %d instances up, %d residents, %d posts; segments of %s: %s%n", n, n, clients,
                              POSTS, PROCESSOR, segments);

            Map<String, Double> idleBefore = storeCommands(instances);
            long idleStarted = System.nanoTime();
            Thread.sleep((long) (IDLE_SECONDS * 1000));
            Map<String, Double> idleAfter = storeCommands(instances);
            double idleElapsed = (System.nanoTime() - idleStarted) / 1e9;
            Map<String, Double> idlePerSecond = new TreeMap<>();
            idleAfter.forEach((key, count) -> idlePerSecond.put(
                    key, (count - idleBefore.getOrDefault(key, 0.0)) / idleElapsed));

            load(apis, posts, warmup, new AtomicLongArray(n), histogram(), histogram(), new ConcurrentHashMap<>());

            AtomicLongArray commands = new AtomicLongArray(n);
            Histogram signUps = histogram();
            Histogram withdrawals = histogram();
            Map<String, Integer> errors = new ConcurrentHashMap<>();
            Map<String, Long> countsBefore = documentCounts(store);
            Map<String, Double> storeBefore = storeCommands(instances);
            double[] cpuBefore = cpu(instances, store);
            long started = System.nanoTime();
            load(apis, posts, seconds, commands, signUps, withdrawals, errors);
            double elapsed = (System.nanoTime() - started) / 1e9;
            double[] cpuAfter = cpu(instances, store);
            Map<String, Double> storeAfter = storeCommands(instances);
            Map<String, Long> countsAfter = documentCounts(store);
            Map<String, Double> storeDuring = new TreeMap<>();
            storeAfter.forEach((key, count) -> storeDuring.put(key, count - storeBefore.getOrDefault(key, 0.0)));
            Map<String, Long> growth = new TreeMap<>();
            countsAfter.forEach((name, count) -> growth.put(name, count - countsBefore.getOrDefault(name, 0L)));
            double[] perInstance = new double[n];
            long all = 0;
            for (int i = 0; i < n; i++) {
                perInstance[i] = commands.get(i) / elapsed;
                all += commands.get(i);
            }
            return new Result(n, all / elapsed, perInstance, signUps, withdrawals, cpuAfter[0] - cpuBefore[0],
                              cpuAfter[1] - cpuBefore[1], all, Map.copyOf(errors), segments, storeDuring, growth,
                              processors(store), elapsed, idlePerSecond);
        } finally {
            for (Platform instance : instances) {
                instance.close();
            }
            store.close();
        }
    }

    private static String resident(int client) {
        return "client-" + client;
    }

    private static Histogram histogram() {
        return new ConcurrentHistogram(60_000_000_000L, 3);
    }

    /** Every client signs its resident up for its post and withdraws, over and over, through its own instance. */
    private void load(List<Api> apis, List<String> posts, double forSeconds, AtomicLongArray commands,
                      Histogram signUps, Histogram withdrawals, Map<String, Integer> errors) throws Exception {
        if (forSeconds <= 0) {
            return;
        }
        Api.forSeconds(clients, forSeconds, client -> {
            int instance = client % apis.size();
            Api api = apis.get(instance);
            String post = posts.get(client % posts.size());
            long sent = System.nanoTime();
            int status = api.signUp(resident(client), post);
            signUps.recordValue(System.nanoTime() - sent);
            count(errors, "sign-up", status, 201);
            sent = System.nanoTime();
            status = api.withdraw(resident(client), post);
            withdrawals.recordValue(System.nanoTime() - sent);
            count(errors, "withdrawal", status, 204);
            commands.addAndGet(instance, 2);
        });
    }

    private static void count(Map<String, Integer> errors, String what, int status, int expected) {
        if (status != expected) {
            errors.merge(what + " " + status, 1, Integer::sum);
        }
    }

    /**
     * The MongoDB commands the instances have sent so far, from their driver's command metrics
     * ({@code mongodb_driver_commands_seconds_count} in {@code /actuator/prometheus}, read as the admin): the sum over
     * all instances, keyed by "command collection". The scrape's own reads are not MongoDB commands.
     */
    private static Map<String, Double> storeCommands(List<Platform> instances) throws Exception {
        Map<String, Double> counts = new TreeMap<>();
        for (Platform instance : instances) {
            String text = Platform.send(Platform.request(instance.base + "/actuator/prometheus", "admin",
                                                         Api.ADMIN_PASSWORD).GET().build(), 200).body();
            for (String line : text.split("\n")) {
                if (!line.startsWith("mongodb_driver_commands_seconds_count{")) {
                    continue;
                }
                Map<String, String> labels = new HashMap<>();
                Matcher label = LABEL.matcher(line.substring(0, line.lastIndexOf('}')));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
                double count = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                counts.merge(labels.getOrDefault("command", "?") + " " + labels.getOrDefault("collection", "-"), count,
                             Double::sum);
            }
        }
        return counts;
    }

    /** Documents in each collection of the platform's database (void markers and snapshots included). */
    private static Map<String, Long> documentCounts(Platform store) {
        try (MongoClient client = MongoClients.create(store.base)) {
            MongoDatabase database = client.getDatabase("platform");
            Map<String, Long> counts = new TreeMap<>();
            for (String name : database.listCollectionNames()) {
                counts.put(name, database.getCollection(name).countDocuments());
            }
            return counts;
        }
    }

    /** The processors with tokens in the store, and their segments in all. */
    private static String processors(Platform store) {
        try (MongoClient client = MongoClients.create(store.base)) {
            Map<String, Integer> segments = new TreeMap<>();
            for (Document token : client.getDatabase("platform").getCollection("trackingtokens").find()) {
                segments.merge(token.getString("processorName"), 1, Integer::sum);
            }
            return segments.size() + " processors with tokens in the store, " + segments.values().stream()
                    .mapToInt(Integer::intValue).sum() + " segments: " + segments;
        }
    }

    /** CPU time so far, in ms: all instances together, and the store. */
    private static double[] cpu(List<Platform> instances, Platform store) {
        double sum = 0;
        for (Platform instance : instances) {
            sum += cpuMillis(instance.pid());
        }
        return new double[]{sum, cpuMillis(store.pid())};
    }

    private static double cpuMillis(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration())
                            .map(Duration::toMillis).orElse(0L);
    }

    /**
     * Waits (at most 60 s) until the posts processor's segments are held by as many of the instances as there can be
     * (one segment cannot be split between two), as the balancing of docs/deployment.md spreads them; answers who holds
     * how many. If they do not spread in time the load runs anyway and the line says how they were held.
     */
    private static String awaitSegmentsSpread(Platform store, List<Platform> instances) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String held = "";
        while (System.nanoTime() < deadline) {
            Map<Integer, String> owners = owners(store);
            int[] perInstance = new int[instances.size()];
            Set<Integer> holding = new HashSet<>();
            for (String owner : owners.values()) {
                for (int i = 0; i < instances.size(); i++) {
                    if (instances.get(i).owns(owner)) {
                        perInstance[i]++;
                        holding.add(i);
                    }
                }
            }
            held = Arrays.stream(perInstance).mapToObj(String::valueOf).collect(Collectors.joining(" / "));
            int total = Arrays.stream(perInstance).sum();
            if (!owners.isEmpty() && total == owners.size()
                && holding.size() == Math.min(instances.size(), owners.size())) {
                return held;
            }
            Thread.sleep(250);
        }
        System.out.println("warning: the segments did not spread over every instance in 60 s");
        return held + " (not spread)";
    }

    private static Map<Integer, String> owners(Platform store) {
        try (MongoClient client = MongoClients.create(store.base)) {
            Map<Integer, String> owners = new HashMap<>();
            for (Document token : client.getDatabase("platform").getCollection("trackingtokens")
                                        .find(new Document("processorName", PROCESSOR))) {
                owners.put(token.getInteger("segment"), token.getString("owner"));
            }
            return owners;
        }
    }

    private static void write(Path out, InstancesBenchmark bench, List<Result> results, String arguments, int cores)
            throws Exception {
        Result first = results.get(0);
        StringBuilder table = new StringBuilder(
                "| instances | commands/s, all | per instance (each) | ratio to N=" + first.instances()
                + " | sign-up p50 / p99 (ms) | withdrawal p50 / p99 (ms) | CPU per command, all processes (ms) |"
                + " segments of " + PROCESSOR + " held | errors |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Result result : results) {
            table.append(String.format("| %d | %.0f | %.0f (%s) | %.2f | %.0f / %.0f | %.0f / %.0f | %.1f | %s | %s |%n",
                                       result.instances(), result.total(), result.perInstanceMean(),
                                       result.perInstanceList(), result.total() / first.total(),
                                       ms(result.signUps(), 50), ms(result.signUps(), 99),
                                       ms(result.withdrawals(), 50), ms(result.withdrawals(), 99),
                                       result.cpuPerCommand(), result.segments(),
                                       result.errors().isEmpty() ? "none" : result.errors().toString()));
        }
        StringBuilder store = new StringBuilder(
                "| instances | MongoDB commands per command, all / net of idle | idle, per second | net per command, by"
                + " kind | net per command, by collection | documents added per command |\n|---|---|---|---|---|---|\n");
        for (Result result : results) {
            store.append(String.format("| %d | %.1f / %.1f | %.0f (%s) | %s | %s | %s |%n", result.instances(),
                                       result.storeCommandsPerCommand(false), result.storeCommandsPerCommand(true),
                                       result.idleStoreCommandsPerSecond(), rounded(byPart(result.idlePerSecond(), 1)),
                                       rounded(result.storeCommandsPerCommand(0, true)),
                                       rounded(result.storeCommandsPerCommand(1, true)), result.growthPerCommand()));
        }
        Figures.writeSection(out, "instances", """
                ## Several instances on one store

                `%s`, %s, on %s; each instance and the store with `-Xmx1g`. The store is the jar in store mode,
                a process of its own (embedded server, durable H2 file), and the instances join it through
                `MONGODB_URI`, as docs/deployment.md runs several on one machine; each N starts on a fresh store.
                %d clients in all (the offered load does not grow with N), client c on instance c mod N, each
                signing one resident up for one of %d posts and withdrawing, over and over; %.0f s of warm-up,
                then %.0f s measured. CPU per command is the CPU time of the instances and the store over the
                measured seconds, divided by the commands answered.
                %s
                A withdrawal is answered once the roster shows it; the roster is projected by whichever instance
                holds the post's segment, and another instance sees it at its next poll
                (`platform.views.poll-interval`, 1 s%s), so from N=2 on many withdrawals wait for a poll. A
                sign-up's decision is pushed to every instance and waits for no poll.

                %s
                What the store did over the measured seconds, per command answered (a sign-up and a withdrawal
                are two): the MongoDB commands all instances sent, from their drivers' command metrics
                (`mongodb_driver_commands_seconds_count`, by command and collection; a figure under 0.05 is
                left out), in all and net of what the instances sent while idle (%.0f s with no load after the set-up,
                before the warm-up: claims and their renewals, looks for free segments, balancing, lag and health;
                under load some of it is done by token stores instead, so the net figure is an approximation);
                and the documents each collection gained (a negative figure:
                documents removed). %s.

                %s""".formatted(("bench/run instances " + arguments).trim(), LocalDate.now(), Figures.machine(),
                                bench.clients, POSTS, bench.warmup, bench.seconds,
                                Arrays.stream(results.stream().mapToInt(Result::instances).toArray()).max().orElse(1) + 2
                                > cores ? "**" + starved(cores) + "**" : "",
                                bench.extraArguments.isEmpty() ? " by default" : "; this run: " + bench.extraArguments,
                                table, IDLE_SECONDS, first.processors(), store));
        System.out.println("wrote " + out);
    }
}
