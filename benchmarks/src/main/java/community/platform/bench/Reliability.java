package community.platform.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import jakarta.mail.internet.MimeMessage;
import org.bson.Document;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Fault tests: the built jar in separate processes, killed, restarted, skewed and starved, and then counted. Each
 * scenario prints what it did and what it counted, and the run exits 1 on any lost acknowledged sign-up, duplicate,
 * double booking or hang.
 * <p>
 * Usage: {@code reliability/run [--scenarios=kill,restart,skew,outage,slow,reminders] [--residents=300]}
 */
public final class Reliability {

    private static final Path JAR = Path.of(Platform.JAR);
    private static final int POSTS = 10;
    private static final int CAPACITY = 20;
    private static final String ORGANIZER = "organizer";
    /** Short claims, so that a survivor takes over in seconds; the takeover is measured against it. */
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(5);

    private final int residents;
    private final List<String> failures = new ArrayList<>();

    private Reliability(int residents) {
        this.residents = residents;
    }

    public static void main(String[] args) throws Exception {
        List<String> scenarios = List.of(EventStoreBenchmark.option(args, "scenarios",
                                                                                   "kill,restart,skew,outage,slow,reminders")
                                                            .split(","));
        Reliability run = new Reliability(Integer.parseInt(EventStoreBenchmark.option(args, "residents", "300")));
        for (String scenario : scenarios) {
            System.out.println();
            System.out.println("== " + scenario);
            switch (scenario) {
                case "kill" -> run.killOneOfTwoMidBurst();
                case "restart" -> run.crashAndRestartMidBurst();
                case "skew" -> run.clockSkew();
                case "outage" -> run.storageOutage();
                case "slow" -> run.slowClientsAndHugeBodies();
                case "reminders" -> run.remindersAcrossAKill();
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            }
        }
        System.out.println();
        System.out.println("Projection failure (a poison event set aside, the rest flowing, retried after the fix):"
                           + " covered by DeadLettersApiTest in the test suite.");
        if (run.failures.isEmpty()) {
            System.out.println("RELIABILITY: all checks passed");
        } else {
            run.failures.forEach(failure -> System.out.println("FAILED: " + failure));
            System.exit(1);
        }
    }

    private static List<String> arguments(String... more) {
        List<String> arguments = new ArrayList<>(Api.arguments());
        arguments.add("--platform.processing.claim-timeout=" + CLAIM_TIMEOUT.toSeconds() + "s");
        arguments.add("--platform.processing.balance-interval=1s");
        arguments.addAll(List.of(more));
        return arguments;
    }

    private static Map<String, String> sharing(Platform store) {
        Map<String, String> environment = new HashMap<>(Api.environment());
        environment.put("MONGODB_URI", store.base + "/platform");
        return environment;
    }

    private void check(boolean holds, String failure) {
        if (!holds) {
            failures.add(failure);
        }
    }

    // ---- 1. kill -9 one of two instances mid-burst

    private void killOneOfTwoMidBurst() throws Exception {
        Path data = Files.createTempDirectory("reliability-kill").resolve("data");
        try (Platform store = Platform.store(JAR, data, Platform.freePort());
             Platform first = Platform.start(JAR, "reliability-a", sharing(store), arguments());
             Platform second = Platform.start(JAR, "reliability-b", sharing(store), arguments())) {
            Api a = new Api(first);
            Api b = new Api(second);
            List<String> posts = prepare(a, "k");
            awaitSegmentsSplit(store, first, second);
            long[] killedAt = new long[1];
            Burst burst = burst(List.of(a, b), "k", posts, () -> {
                second.kill();
                killedAt[0] = System.nanoTime();
                System.out.println("killed instance b (kill -9) mid-burst");
            });
            double takeover = awaitAllSegmentsOwnedBy(store, first, killedAt[0]);
            System.out.printf("instance a holds every segment %.1f s after the kill (claim timeout %d s, claims looked"
                              + " for every 2 s)%n", takeover, CLAIM_TIMEOUT.toSeconds());
            check(takeover <= CLAIM_TIMEOUT.toSeconds() + 10, "kill: the survivor took " + takeover + " s to take over");
            verify("kill", a, burst, posts);
        }
    }

    // ---- 2. kill -9 the only instance mid-burst, restart it on the same data

    /**
     * Half the seats there are volunteers, so half of them queue; then every other volunteer withdraws, which promotes
     * the first in line and tells them so (a notice: the side effect to not repeat). The only instance is killed a third
     * of the way through the withdrawals and restarted on the same data.
     */
    private void crashAndRestartMidBurst() throws Exception {
        Map<String, String> environment = new HashMap<>(Api.environment());
        environment.put("PLATFORM_DATA_DIR", Files.createTempDirectory("reliability-restart").resolve("data")
                                                  .toString());
        int capacity = Math.max(2, residents / POSTS / 2);
        Platform[] instance = {Platform.start(JAR, "reliability-single", environment, arguments())};
        try {
            Api api = new Api(instance[0]);
            List<String> posts = prepare(api, "r", capacity);
            Burst signUps = burst(List.of(api), "r", posts, Api::signUp, null);
            Burst withdrawals = burst(List.of(api), "r", posts, (client, resident, post) ->
                    Integer.parseInt(resident.substring(2)) % 2 == 0 ? client.withdraw(resident, post) : 0, () -> {
                instance[0].kill();
                System.out.println("killed the only instance (kill -9) mid-withdrawals");
            });
            long restarting = System.nanoTime();
            instance[0] = Platform.start(JAR, "reliability-single", environment, arguments());
            System.out.printf("restarted on the same data: health UP after %.1f s%n",
                              (System.nanoTime() - restarting) / 1e9);
            Api restarted = new Api(instance[0]);
            // Positions the killed process had taken for commits it never wrote sit at the head of the log, and the
            // processors' lag counts them until the log moves past them: one more event does that.
            restarted.register("after-the-restart");
            Map<String, Integer> promotions = verify("restart", restarted, signUps, withdrawals, posts, capacity);
            toldOnce(restarted, signUps, posts, promotions);
        } finally {
            instance[0].close();
        }
    }

    // ---- 4. two instances whose clocks differ

    private void clockSkew() throws Exception {
        Path data = Files.createTempDirectory("reliability-skew").resolve("data");
        try (Platform store = Platform.store(JAR, data, Platform.freePort());
             Platform first = Platform.start(JAR, "reliability-a", sharing(store), arguments());
             Platform second = Platform.start(JAR, "reliability-b", sharing(store),
                                              arguments("--platform.clock-offset=-7s"))) {
            System.out.println("instance b's clock runs 7 s behind instance a's");
            Api a = new Api(first);
            Api b = new Api(second);
            List<String> posts = prepare(a, "s");
            awaitSegmentsSplit(store, first, second);
            Burst burst = burst(List.of(a, b), "s", posts, null);
            verify("skew", b, burst, posts);
            for (String post : posts) {
                List<Long> sequences = new ArrayList<>();
                for (JsonNode event : b.asAdmin("/audit/streams/" + post + "/events")) {
                    sequences.add(event.get("sequence").asLong());
                }
                check(sequences.equals(Stream.iterate(0L, s -> s + 1).limit(sequences.size()).toList()),
                      "skew: the events of " + post + " are out of order: " + sequences);
            }
            System.out.println("each post's events are in sequence order 0..n, timestamps from both clocks");
        }
    }

    // ---- 5. the store stops while requests run, then comes back

    private void storageOutage() throws Exception {
        Path data = Files.createTempDirectory("reliability-outage").resolve("data");
        int port = Platform.freePort();
        Platform store = Platform.store(JAR, data, port);
        try (Platform instance = Platform.start(JAR, "reliability-outage", sharing(store),
                                                arguments("--platform.store.timeout=3s"))) {
            Api api = new Api(instance);
            List<String> posts = prepare(api, "o");
            ConcurrentLinkedQueue<String> outcomes = new ConcurrentLinkedQueue<>();
            AtomicInteger slowest = new AtomicInteger();
            Thread load = new Thread(() -> {
                try {
                    Api.forSeconds(4, 25, thread -> {
                        long started = System.nanoTime();
                        int status;
                        try {
                            status = api.get("/volunteer-posts/" + posts.get(thread % posts.size()), "o-" + thread);
                        } catch (IOException e) {
                            status = -1;
                        }
                        int millis = (int) ((System.nanoTime() - started) / 1_000_000);
                        slowest.accumulateAndGet(millis, Math::max);
                        outcomes.add(status + "");
                        Thread.sleep(50);
                    });
                } catch (Exception e) {
                    outcomes.add("load failed: " + e);
                }
            });
            load.start();
            Thread.sleep(3000);
            store.kill();
            long stopped = System.nanoTime();
            System.out.println("stopped the store (kill -9) under load");
            String health = awaitHealth(instance, 503, Duration.ofSeconds(30));
            System.out.printf("health answered %s %.1f s after the store stopped%n", health,
                              (System.nanoTime() - stopped) / 1e9);
            check(health.contains("DOWN"), "outage: health did not report DOWN: " + health);
            Thread.sleep(5000);
            store = Platform.store(JAR, data, port);
            long back = System.nanoTime();
            health = awaitHealth(instance, 200, Duration.ofSeconds(60));
            System.out.printf("store back: health answered %s %.1f s later%n", health, (System.nanoTime() - back) / 1e9);
            check(health.contains("UP"), "outage: health did not come back UP: " + health);
            load.join();
            Map<String, Integer> counted = new HashMap<>();
            outcomes.forEach(outcome -> counted.merge(outcome, 1, Integer::sum));
            System.out.printf("reads during the run, by answer: %s; slowest %d ms%n", counted, slowest.get());
            check(counted.keySet().stream().allMatch(code -> code.equals("200") || code.equals("503")),
                  "outage: answers other than 200 and 503: " + counted);
            check(slowest.get() < 20_000, "outage: a request took " + slowest.get() + " ms");
            check(api.signUp("o-0", posts.get(0)) == 201, "outage: a sign-up after the store came back failed");
        } finally {
            store.close();
        }
    }

    // ---- 6. slow clients and huge bodies beside normal readers

    private void slowClientsAndHugeBodies() throws Exception {
        try (Platform instance = Platform.start(JAR, "reliability-slow", Api.environment(), arguments())) {
            Api api = new Api(instance);
            List<String> posts = prepare(api, "w");
            double quiet = readP99(api, posts, 5);
            System.out.printf("reads alone: p99 %.0f ms%n", quiet);
            int port = Integer.parseInt(instance.base.substring(instance.base.lastIndexOf(':') + 1));
            List<Socket> slow = new CopyOnWriteArrayList<>();
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger huge = new AtomicInteger();
            Thread abuse = new Thread(() -> {
                try {
                    for (int i = 0; i < 200; i++) {
                        Socket socket = new Socket("127.0.0.1", port);
                        socket.getOutputStream().write("POST /api/volunteer-posts HTTP/1.1\r\nHost: x\r\n"
                                                               .getBytes(StandardCharsets.US_ASCII));
                        slow.add(socket);
                    }
                    byte[] body = new byte[8 * 1024 * 1024];
                    java.util.Arrays.fill(body, (byte) 'x');
                    Api.forSeconds(4, 10, thread -> {
                        huge.incrementAndGet();
                        try {
                            HttpResponse<String> answer = Platform.HTTP.send(
                                    Platform.request(api.api + "/volunteer-posts", ORGANIZER, Api.PASSWORD)
                                            .header("Content-Type", "application/json")
                                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (answer.statusCode() == 413) {
                                refused.incrementAndGet();
                            }
                        } catch (IOException closedEarly) {
                            refused.incrementAndGet();
                        }
                        for (Socket socket : slow) {
                            OutputStream out = socket.getOutputStream();
                            out.write('X');
                            out.flush();
                        }
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            abuse.start();
            Thread.sleep(1000);
            double loaded = readP99(api, posts, 6);
            abuse.join();
            for (Socket socket : slow) {
                socket.close();
            }
            System.out.printf("reads beside %d slow connections and %d bodies of 8 MB (%d refused with 413 or closed):"
                              + " p99 %.0f ms%n", slow.size(), huge.get(), refused.get(), loaded);
            check(refused.get() == huge.get(), "slow: " + (huge.get() - refused.get()) + " huge bodies were accepted");
            check(loaded < Math.max(1000, quiet * 10), "slow: reads slowed from p99 " + quiet + " to " + loaded + " ms");
        }
    }

    private static double readP99(Api api, List<String> posts, double seconds) throws Exception {
        ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        Api.forSeconds(4, seconds, thread -> {
            long started = System.nanoTime();
            if (api.get("/volunteer-posts/" + posts.get(thread % posts.size()), ORGANIZER) != 200) {
                errors.incrementAndGet();
            }
            nanos.add(System.nanoTime() - started);
        });
        if (errors.get() > 0) {
            throw new IllegalStateException(errors.get() + " reads failed");
        }
        return Figures.percentile(nanos.stream().mapToLong(Long::longValue).toArray(), 99);
    }

    // ---- the burst and the checks

    /** Each sign-up sent, with its answer: a status code, or -1 when the connection failed (not acknowledged). */
    private record Burst(Map<String, Integer> answers) {
        Set<String> acknowledged() {
            Set<String> acknowledged = new HashSet<>();
            answers.forEach((key, status) -> {
                if (status / 100 == 2) {
                    acknowledged.add(key);
                }
            });
            return acknowledged;
        }
    }

    // ---- 6. kill -9 the only instance while reminders are being sent, restart it on the same data

    /**
     * Every resident holds a seat on a duty three hours ahead and has asked for an e-mail reminder one hour before;
     * then each asks for one 24 hours before, which makes all of them due at once. The reminders go to an SMTP server
     * in this process (GreenMail); the only instance is killed once a third have arrived, and restarted on the same
     * data. Every resident must then have their reminder, each once, but the one the instance may have had in flight
     * when it died (sent again under the same Message-ID once its claim's lease has passed).
     */
    private void remindersAcrossAKill() throws Exception {
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        Map<String, String> environment = new HashMap<>(Api.environment());
        environment.put("PLATFORM_DATA_DIR", Files.createTempDirectory("reliability-reminders").resolve("data")
                                                  .toString());
        List<String> arguments = arguments("--spring.mail.host=127.0.0.1",
                                           "--spring.mail.port=" + smtp.getSmtp().getPort(),
                                           "--platform.reminders.check=PT0.5S", "--platform.reminders.check-delay=PT1S",
                                           "--platform.reminders.lease=PT10S");
        Platform[] instance = {Platform.start(JAR, "reliability-reminders", environment, arguments)};
        try {
            Api api = new Api(instance[0]);
            api.registerOrganizer(ORGANIZER);
            String post = api.publishPostStartingIn(ORGANIZER, Duration.ofHours(3), residents);
            api.registerResidents("m-", residents);
            Api.inParallel(residents, 8, r -> {
                api.put("/accounts/me/reminders", "m-" + r, reminders("m-" + r, 1), 200);
                api.signUp("m-" + r, post);
            });
            System.out.printf("%d residents hold a seat on a duty three hours ahead; none is due a reminder yet: %d "
                              + "e-mails%n", residents, smtp.getReceivedMessages().length);
            check(smtp.getReceivedMessages().length == 0, "reminders: sent before they were due");
            Api.inParallel(residents, 8, r -> api.put("/accounts/me/reminders", "m-" + r, reminders("m-" + r, 24),
                                                      200));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (smtp.getReceivedMessages().length < residents / 3 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            int beforeKill = smtp.getReceivedMessages().length;
            instance[0].kill();
            System.out.printf("killed the only instance (kill -9) with %d of %d reminders arrived%n", beforeKill,
                              residents);
            instance[0] = Platform.start(JAR, "reliability-reminders", environment, arguments);
            deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (distinctIds(smtp).size() < residents && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Thread.sleep(3000); // several more checks: nothing more may arrive
            Set<String> ids = distinctIds(smtp);
            int received = smtp.getReceivedMessages().length;
            Set<String> recipients = new HashSet<>();
            for (MimeMessage message : smtp.getReceivedMessages()) {
                recipients.add(message.getAllRecipients()[0].toString());
            }
            System.out.printf("after the restart: %d e-mails, %d distinct reminders, %d residents reached; %d sent "
                              + "twice (at most the one in flight at the kill)%n", received, ids.size(),
                              recipients.size(), received - ids.size());
            check(recipients.size() == residents, "reminders: " + (residents - recipients.size())
                    + " residents never got theirs");
            check(ids.size() == residents, "reminders: " + ids.size() + " distinct reminders for " + residents);
            check(received - ids.size() <= 1, "reminders: " + (received - ids.size()) + " sent twice");
        } finally {
            instance[0].close();
            smtp.stop();
        }
    }

    private static Map<String, Object> reminders(String resident, int hoursBefore) {
        return Map.of("email", resident + "@example.cn", "emailEnabled", true, "smsEnabled", false,
                      "hoursBefore", hoursBefore, "language", "zh");
    }

    private static Set<String> distinctIds(GreenMail smtp) throws Exception {
        Set<String> ids = new HashSet<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            ids.add(message.getMessageID());
        }
        return ids;
    }

    private List<String> prepare(Api api, String prefix) throws Exception {
        return prepare(api, prefix, CAPACITY);
    }

    private List<String> prepare(Api api, String prefix, int capacity) throws Exception {
        api.registerOrganizer(ORGANIZER);
        List<String> posts = api.publishPosts(ORGANIZER, "Duty", POSTS, capacity);
        api.registerResidents(prefix + "-", residents);
        System.out.printf("prepared %d posts of %d seats and %d residents%n", POSTS, capacity, residents);
        return posts;
    }

    private Burst burst(List<Api> instances, String prefix, List<String> posts, Fault fault) throws Exception {
        return burst(instances, prefix, posts, Api::signUp, fault);
    }

    /**
     * Every resident does {@code request} on their post ({@code prefix-r} on post r mod the posts), from 16 clients
     * spread over the instances; once a third have answered, {@code fault} runs (if any). A request answered 0 was
     * not sent.
     */
    private Burst burst(List<Api> instances, String prefix, List<String> posts, Request request, Fault fault)
            throws Exception {
        Map<String, Integer> answers = new ConcurrentHashMap<>();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger faulted = new AtomicInteger();
        long started = System.nanoTime();
        Api.inParallel(residents, 16, r -> {
            String resident = prefix + "-" + r;
            String post = posts.get(r % posts.size());
            int status;
            try {
                status = request.send(instances.get(r % instances.size()), resident, post);
            } catch (IOException e) {
                status = -1;
            }
            if (status != 0) {
                answers.put(resident + " " + post, status);
            }
            if (answered.incrementAndGet() == residents / 3 && fault != null && faulted.getAndIncrement() == 0) {
                fault.run();
            }
        });
        Map<Integer, Integer> byStatus = new HashMap<>();
        answers.values().forEach(status -> byStatus.merge(status, 1, Integer::sum));
        System.out.printf("burst: %d requests in %.1f s, answers by status %s (-1: connection lost)%n",
                          answers.size(), (System.nanoTime() - started) / 1e9, byStatus);
        return new Burst(answers);
    }

    interface Request {
        int send(Api api, String resident, String post) throws Exception;
    }

    interface Fault {
        void run() throws Exception;
    }

    private void verify(String scenario, Api api, Burst signUps, List<String> posts) throws Exception {
        verify(scenario, api, signUps, new Burst(Map.of()), posts, CAPACITY);
    }

    /**
     * Once the views have caught up: every acknowledged sign-up and withdrawal is in the store; nobody signed up twice
     * for a post; no post has more confirmed than seats; each post's roster is exactly what its events say. Answers
     * how many times the store says each volunteer was promoted.
     */
    private Map<String, Integer> verify(String scenario, Api api, Burst signUps, Burst withdrawals, List<String> posts,
                                        int capacity) throws Exception {
        long lag = api.awaitCaughtUp(Duration.ofSeconds(60));
        check(lag == 0, scenario + ": the views were still " + lag + " events behind after 60 s");
        Set<String> signedUp = new HashSet<>();
        Set<String> withdrawn = new HashSet<>();
        Map<String, Integer> promotions = new HashMap<>();
        int events = 0;
        int confirmedSeats = 0;
        int rosterMismatches = 0;
        int projected = 0;
        int due = 0;
        for (String post : posts) {
            List<String> people = new ArrayList<>();
            Set<String> confirmed = new HashSet<>();
            List<String> waiting = new ArrayList<>();
            for (JsonNode event : api.asAdmin("/audit/streams/" + post + "/events")) {
                String type = event.get("type").asText();
                String volunteer = event.get("payload").path("volunteer").asText();
                if (type.endsWith("VolunteerSignedUpEvent") || type.endsWith("VolunteerWaitlistedEvent")) {
                    people.add(volunteer);
                    (type.endsWith("VolunteerSignedUpEvent") ? confirmed : waiting).add(volunteer);
                } else if (type.endsWith("SignUpWithdrawnEvent")) {
                    withdrawn.add(volunteer + " " + post);
                    confirmed.remove(volunteer);
                    waiting.remove(volunteer);
                } else if (type.endsWith("VolunteerPromotedEvent")) {
                    waiting.remove(volunteer);
                    confirmed.add(volunteer);
                    promotions.merge(volunteer, 1, Integer::sum);
                } else {
                    continue;
                }
                events++;
            }
            check(people.size() == new HashSet<>(people).size(), scenario + ": someone signed up twice for " + post);
            check(confirmed.size() <= capacity, scenario + ": " + confirmed.size() + " seats given on " + post
                                                + " of " + capacity);
            people.forEach(person -> signedUp.add(person + " " + post));
            confirmedSeats += confirmed.size();
            JsonNode roster = api.roster(ORGANIZER, post);
            List<String> onRoster = new ArrayList<>();
            roster.get("confirmed").forEach(entry -> onRoster.add(entry.get("username").asText()));
            List<String> queued = new ArrayList<>();
            roster.get("waitlist").forEach(entry -> queued.add(entry.get("username").asText()));
            projected += onRoster.size() + queued.size();
            due += confirmed.size() + waiting.size();
            if (!new HashSet<>(onRoster).equals(confirmed) || onRoster.size() != confirmed.size()
                || !queued.equals(waiting)) {
                rosterMismatches++;
                failures.add(scenario + ": the roster of " + post + " (" + onRoster + ", waiting " + queued
                             + ") is not what its events say (" + confirmed + ", waiting " + waiting + ")");
            }
        }
        Set<String> lost = new HashSet<>(signUps.acknowledged());
        lost.removeAll(signedUp);
        Set<String> lostWithdrawals = new HashSet<>(withdrawals.acknowledged());
        lostWithdrawals.removeAll(withdrawn);
        Set<String> unacknowledged = new HashSet<>(signedUp);
        unacknowledged.removeAll(signUps.acknowledged());
        System.out.printf("%s: acknowledged %d sign-ups and %d withdrawals; events stored %d (%d sign-ups never"
                          + " acknowledged, %d promotions); projected: %d people on rosters, %d by the events;"
                          + " seats confirmed %d; rosters unlike their events %d; lost %d%n", scenario,
                          signUps.acknowledged().size(), withdrawals.acknowledged().size(), events,
                          unacknowledged.size(), promotions.values().stream().mapToInt(i -> i).sum(), projected, due,
                          confirmedSeats, rosterMismatches, lost.size() + lostWithdrawals.size());
        check(lost.isEmpty(), scenario + ": acknowledged sign-ups missing from the store: " + lost);
        check(lostWithdrawals.isEmpty(), scenario + ": acknowledged withdrawals missing from the store: "
                                         + lostWithdrawals);
        return promotions;
    }

    /**
     * Each volunteer was told of each promotion once, though the instance was killed while it was promoting and
     * telling; then the organizer cancels every post, and each volunteer still on one is told once more.
     */
    private void toldOnce(Api api, Burst signUps, List<String> posts, Map<String, Integer> promotions)
            throws Exception {
        Set<String> onAPost = new HashSet<>();
        for (String post : posts) {
            JsonNode roster = api.roster(ORGANIZER, post);
            for (String list : List.of("confirmed", "waitlist")) {
                roster.get(list).forEach(entry -> onAPost.add(entry.get("username").asText()));
            }
            Platform.send(Platform.request(api.api + "/volunteer-posts/" + post + "/cancellation", ORGANIZER,
                                           Api.PASSWORD)
                                  .header("Content-Type", "application/json")
                                  .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"Storm warning\"}"))
                                  .build(), 200);
        }
        api.awaitCaughtUp(Duration.ofSeconds(60));
        int told = 0;
        int expected = 0;
        for (String key : signUps.acknowledged()) {
            String resident = key.substring(0, key.indexOf(' '));
            int should = promotions.getOrDefault(resident, 0) + (onAPost.contains(resident) ? 1 : 0);
            int notices = api.asNotices(resident).size();
            told += notices;
            expected += should;
            check(notices == should, "restart: " + resident + " was told " + notices + " times, not " + should);
        }
        System.out.printf("restart: %d notices (promotions, then the cancellation) where %d were due%n", told,
                          expected);
    }

    // ---- segments, read from the token store

    private static Map<Integer, String> owners(Platform store, String processor) {
        try (MongoClient client = MongoClients.create(store.base)) {
            Map<Integer, String> owners = new HashMap<>();
            for (Document token : client.getDatabase("platform").getCollection("trackingtokens")
                                        .find(new Document("processorName", processor))) {
                owners.put(token.getInteger("segment"), token.getString("owner"));
            }
            return owners;
        }
    }

    private static void awaitSegmentsSplit(Platform store, Platform first, Platform second) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Map<Integer, String> owners = owners(store, "volunteer-posts");
            long a = owners.values().stream().filter(first::owns).count();
            long b = owners.values().stream().filter(second::owns).count();
            if (a > 0 && b > 0 && a + b == owners.size()) {
                System.out.printf("segments of volunteer-posts split: %d on a, %d on b%n", a, b);
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the segments were not split between the instances in 60 s: "
                                        + owners(store, "volunteer-posts"));
    }

    private static double awaitAllSegmentsOwnedBy(Platform store, Platform survivor, long since) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Map<Integer, String> owners = owners(store, "volunteer-posts");
            if (!owners.isEmpty() && owners.values().stream().allMatch(survivor::owns)) {
                return (System.nanoTime() - since) / 1e9;
            }
            Thread.sleep(100);
        }
        return Double.POSITIVE_INFINITY;
    }

    private static String awaitHealth(Platform instance, int status, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        HttpResponse<String> health = null;
        while (System.nanoTime() < deadline) {
            try {
                health = Platform.HTTP.send(Platform.request(instance.base + "/actuator/health", null, null)
                                                    .timeout(Duration.ofSeconds(10)).GET().build(),
                                            HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == status) {
                    return health.statusCode() + " " + health.body();
                }
            } catch (IOException e) {
                // try again
            }
            Thread.sleep(250);
        }
        return health == null ? "no answer" : health.statusCode() + " " + health.body();
    }
}
