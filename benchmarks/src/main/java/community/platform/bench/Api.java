package community.platform.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import com.mongodb.client.MongoDatabase;
import community.platform.command.courses.EnrollmentProcess;
import community.platform.command.eventstore.EventSerialization;
import community.platform.command.eventstore.MongoEventStorageEngine;
import community.platform.command.eventstore.personal.PersonalKeys;
import community.platform.command.festival.VenueBookingSaga;
import community.platform.command.handling.ProcessesConfiguration;
import community.platform.command.volunteering.PostDutiesSaga;
import community.platform.command.volunteering.PostSeriesSaga;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** What the benchmarks do over the platform's HTTP API, as its clients do it. Every user has the same password. */
final class Api {

    static final String PASSWORD = "bench-password";
    static final String ADMIN_PASSWORD = "bench-admin-password";
    static final String SERVER_SECRET = "the server secret every instance of this run shares";
    /** The segments each process's processor gets on a store the benchmarks fill directly (the duties' default). */
    private static final int PROCESS_SEGMENTS = 4;
    static final ObjectMapper JSON = new ObjectMapper();

    private static final OffsetDateTime FIRST_SLOT = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(14)
                                                                   .withNano(0);

    final String api;
    private final AtomicInteger published = new AtomicInteger();

    Api(Platform platform) {
        this.api = platform.base + "/api";
    }

    /**
     * The environment and arguments the benchmarks start the platform with: an admin; passwords remembered for 30 min;
     * no login lock for the admin asked for before the platform has made the account.
     */
    /**
     * Every platform a run starts shares one server secret, as instances on one store must (docs/deployment.md): the
     * personal data keys they write are wrapped under it, and one made under another secret does not open.
     */
    static Map<String, String> environment() {
        return Map.of("PLATFORM_ADMIN_PASSWORD", ADMIN_PASSWORD, "PLATFORM_SECURITY_SERVER_SECRET", SERVER_SECRET);
    }

    /**
     * An engine that writes into a new store as a platform started with {@link #environment()} would: personal fields
     * encrypted under keys kept with that server secret, and the store marked as one that never held them in plain
     * text (what the platform records on a new store before its first write). A store filled without it is taken for
     * one from before personal fields were encrypted, and every event in it is encrypted again at the next start.
     */
    static MongoEventStorageEngine engineAsThePlatformWrites(MongoDatabase database) {
        PersonalKeys keys = new PersonalKeys(database.getCollection("personalKeys"),
                                             SERVER_SECRET.getBytes(StandardCharsets.UTF_8));
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder().database(database)
                                                                .eventSerializer(EventSerialization.serializer(keys))
                                                                .build();
        engine.ensureIndexes();
        // the record PersonalDataMigration keeps, as it writes it on a store that is empty when it first runs
        database.getCollection("storeMigrations").insertOne(new Document("_id", "personal-data")
                                                                    .append("status", "DONE"));
        return engine;
    }

    /**
     * Marks the platform's processes (its sagas) as having handled every event stored so far, as they would have on a
     * platform that wrote those events; its views are left to be built. Without it, a platform started on a store
     * filled from outside takes every post for one from before its processes existed, and its duties process handles
     * each stored sign-up again: the work of an upgrade, once, not of building views.
     */
    static void processesCaughtUp(MongoDatabase database, MongoEventStorageEngine engine) {
        TokenStore tokens = MongoTokenStore.builder()
                                           .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(database).build())
                                           .serializer(JacksonSerializer.defaultSerializer())
                                           .build();
        Stream.of(PostDutiesSaga.class, PostSeriesSaga.class, EnrollmentProcess.class, VenueBookingSaga.class)
              .map(ProcessesConfiguration::processingGroup)
              .forEach(processor -> tokens.initializeTokenSegments(processor, PROCESS_SEGMENTS,
                                                                   engine.createHeadToken()));
    }

    static List<String> arguments() {
        return List.of("--platform.security.verified-cache=30m", "--platform.security.login.max-failures=1000000");
    }

    void register(String username) throws Exception {
        Platform.send(Platform.request(api + "/accounts", null, null).header("Content-Type", "application/json")
                              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                                      "username", username, "password", PASSWORD, "displayName", username))))
                              .build(), 201);
    }

    /** Registers residents {@code prefix-0..count-1} and signs each in once, so later requests hit the cache. */
    void registerResidents(String prefix, int count) throws Exception {
        inParallel(count, 8, r -> {
            register(prefix + r);
            Platform.send(Platform.request(api + "/accounts/me", prefix + r, PASSWORD).GET().build(), 200);
        });
    }

    void registerOrganizer(String username) throws Exception {
        register(username);
        grant(username, "ORGANIZER");
    }

    /**
     * The admin grants {@code role} to {@code username}. A platform just started may not yet show the admin's own roles
     * (its accounts view is still being built), and answers 401 or 403 until it does: that is waited out, for at most
     * {@link #ADMIN_ROLES_WAIT}, never taken as the end of the run.
     */
    void grant(String username, String role) throws Exception {
        HttpRequest request = Platform.request(api + "/admin/accounts/" + username + "/roles", "admin", ADMIN_PASSWORD)
                                      .header("Content-Type", "application/json")
                                      .POST(HttpRequest.BodyPublishers.ofString("{\"role\":\"" + role + "\"}"))
                                      .build();
        long deadline = System.nanoTime() + ADMIN_ROLES_WAIT.toNanos();
        HttpResponse<String> answer;
        while ((answer = Platform.HTTP.send(request, HttpResponse.BodyHandlers.ofString())).statusCode() != 200) {
            if ((answer.statusCode() != 401 && answer.statusCode() != 403) || System.nanoTime() > deadline) {
                throw new IllegalStateException("granting " + role + " to " + username + " answered "
                                                        + answer.statusCode() + ": " + answer.body());
            }
            Thread.sleep(200);
        }
    }

    /** How long a platform may take to show the admin's roles after it is up. */
    static final Duration ADMIN_ROLES_WAIT = Duration.ofMinutes(5);

    /**
     * Publishes {@code count} posts from two weeks ahead, each in a 2-hour slot of its own (3 hours after the previous
     * post published through this client), so one volunteer may sign up for all of them; answers their ids.
     */
    List<String> publishPosts(String organizer, String title, int count, int capacity) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            OffsetDateTime start = FIRST_SLOT.plusHours(3L * published.getAndIncrement());
            String body = JSON.writeValueAsString(Map.of(
                    "title", title + " " + p, "team", "health safeguarding", "location", "Square " + p,
                    "startsAt", start.toString(), "endsAt", start.plusHours(2).toString(), "capacity", capacity));
            HttpResponse<String> created = Platform.send(
                    Platform.request(api + "/volunteer-posts", organizer, PASSWORD)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), 201);
            ids.add(JSON.readTree(created.body()).get("id").asText());
        }
        return ids;
    }

    /** Schedules a couplet competition three weeks ahead in {@code venue}; answers its id. */
    String scheduleCompetition(String organizer, String title, String venue) throws Exception {
        return scheduleCompetition(organizer, title, venue, competitionStart(), 50);
    }

    /**
     * Schedules a couplet competition of three hours from {@code start} in {@code venue}, with {@code capacity} places;
     * answers its id. A venue holds one event at a time: another event there at the same time is refused.
     */
    String scheduleCompetition(String organizer, String title, String venue, OffsetDateTime start, int capacity)
            throws Exception {
        String body = JSON.writeValueAsString(Map.of(
                "title", title, "kind", "COMPETITION", "venue", venue, "startsAt", start.toString(),
                "endsAt", start.plusHours(3).toString(), "capacity", capacity));
        HttpResponse<String> created = Platform.send(
                Platform.request(api + "/festival-events", organizer, PASSWORD).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), 201);
        return JSON.readTree(created.body()).get("id").asText();
    }

    /** PUTs {@code body} as JSON to {@code path} under /api as {@code user}; the answer must be {@code status}. */
    void put(String path, String user, Object body, int status) throws Exception {
        Platform.send(Platform.request(api + path, user, PASSWORD).header("Content-Type", "application/json")
                              .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), status);
    }

    /** Publishes one post starting {@code in} from now, with {@code capacity} seats; answers its id. */
    String publishPostStartingIn(String organizer, Duration in, int capacity) throws Exception {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(8)).plus(in).withNano(0);
        return post("/volunteer-posts", organizer, Map.of(
                "title", "健康守护岗 reminder duty", "team", "health safeguarding", "location", "社区卫生站",
                "startsAt", start.toString(), "endsAt", start.plusHours(2).toString(), "capacity", capacity), 201)
                .get("id").asText();
    }

    /** POSTs {@code body} as JSON to {@code path} under /api as the admin; answers the body, which must come with {@code status}. */
    JsonNode asAdmin(String path, Object body, int status) throws Exception {
        return JSON.readTree(Platform.send(
                Platform.request(api + path, "admin", ADMIN_PASSWORD).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), status)
                                     .body());
    }

    /** The code on the hour certificate {@code volunteer} downloads for the day {@code day}, read from the PDF. */
    String certificateCode(String volunteer, LocalDate day) throws Exception {
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(
                Platform.request(api + "/volunteers/me/certificate.pdf?from=" + day + "&to=" + day, volunteer,
                                 PASSWORD).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        try (PdfReader reader = new PdfReader(pdf.body())) {
            Matcher code = Pattern.compile("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}")
                                  .matcher(new PdfTextExtractor(reader).getTextFromPage(1));
            if (!code.find()) {
                throw new IllegalStateException("no code on the certificate");
            }
            return code.group();
        }
    }

    /** POSTs {@code body} as JSON to {@code path} under /api as {@code user}; answers the body, which must come with {@code status}. */
    JsonNode post(String path, String user, Object body, int status) throws Exception {
        return JSON.readTree(Platform.send(Platform.request(api + path, user, PASSWORD)
                                                   .header("Content-Type", "application/json")
                                                   .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                                                   .build(), status).body());
    }

    /** A published Sunshine 330 course for grades 1 to 3 with four weekly sessions from three weeks on. */
    String publishCourse(String organizer, String title) throws Exception {
        return publishCourse(organizer, title, 12, "201");
    }

    /** As {@link #publishCourse(String, String)}, with {@code capacity} seats, in {@code room}. */
    String publishCourse(String organizer, String title, int capacity, String room) throws Exception {
        java.time.LocalDate first = FIRST_SLOT.toLocalDate().plusDays(7);
        String id = post("/courses", organizer, Map.of(
                "title", title, "instructor", "吴老师 Teacher Wu", "minGrade", 1, "maxGrade", 3, "capacity", capacity,
                "sessions", java.util.stream.IntStream.range(0, 4).mapToObj(i -> Map.of(
                        "date", first.plusWeeks(i).toString(), "room", room)).toList()), 201).get("id").asText();
        post("/courses/" + id + "/publication", organizer, Map.of(), 200);
        return id;
    }

    /** When the competition of {@link #scheduleCompetition} starts. */
    static OffsetDateTime competitionStart() {
        return FIRST_SLOT.plusDays(7);
    }

    void registerFor(String resident, String event) throws Exception {
        Platform.send(Platform.request(api + "/festival-events/" + event + "/registrations", resident, PASSWORD)
                              .POST(HttpRequest.BodyPublishers.noBody()).build(), 201);
    }

    /**
     * POSTs {@code body} (none if null) as JSON to {@code path} under /api as {@code user}; answers the response
     * whatever its status, for the caller to judge.
     */
    HttpResponse<String> attempt(String path, String user, Object body) throws Exception {
        HttpRequest.Builder request = Platform.request(api + path, user, PASSWORD);
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                   .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return Platform.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Answers the status code; the caller decides what it expected. */
    int signUp(String resident, String post) throws Exception {
        return Platform.HTTP.send(Platform.request(api + "/volunteer-posts/" + post + "/signups", resident, PASSWORD)
                                          .POST(HttpRequest.BodyPublishers.noBody()).build(),
                                  HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    int withdraw(String resident, String post) throws Exception {
        return Platform.HTTP.send(Platform.request(api + "/volunteer-posts/" + post + "/signups/me", resident,
                                                   PASSWORD).DELETE().build(),
                                  HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    int get(String path, String user) throws Exception {
        return Platform.HTTP.send(Platform.request(api + path, user, PASSWORD).GET().build(),
                                  HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    String getBody(String path, String user) throws Exception {
        return Platform.send(Platform.request(api + path, user, PASSWORD).GET().build(), 200).body();
    }

    /** As the admin (audit and operations). */
    JsonNode asAdmin(String path) throws Exception {
        return JSON.readTree(Platform.send(Platform.request(api + path, "admin", ADMIN_PASSWORD).GET().build(), 200)
                                     .body());
    }

    /** The caller's notices. */
    JsonNode asNotices(String resident) throws Exception {
        return JSON.readTree(getBody("/notifications/me", resident));
    }

    JsonNode roster(String organizer, String post) throws Exception {
        return JSON.readTree(getBody("/volunteer-posts/" + post + "/roster", organizer));
    }

    /**
     * The largest lag of any processor, in events; the maximum while the admin account is not there yet (it is made
     * while the platform starts).
     */
    long projectionLag() throws Exception {
        HttpResponse<String> answer = Platform.HTTP.send(
                Platform.request(api + "/admin/projections", "admin", ADMIN_PASSWORD).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 401 || answer.statusCode() == 403) {
            // a platform started on a stored log knows the admin's roles once the accounts view has caught up
            return Long.MAX_VALUE;
        }
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET /api/admin/projections answered " + answer.statusCode() + ": "
                                                    + answer.body());
        }
        long lag = 0;
        for (JsonNode processor : JSON.readTree(answer.body())) {
            lag = Math.max(lag, processor.get("lag").asLong());
        }
        return lag;
    }

    /** Waits until no processor lags, for at most {@code within}; answers the lag then (0 once caught up). */
    long awaitCaughtUp(Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        long lag;
        while ((lag = projectionLag()) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        return lag;
    }

    interface Task {
        void run(int index) throws Exception;
    }

    /** Runs tasks 0..count-1 on the given number of threads, each taking the next index; fails on the first failure. */
    static void inParallel(int count, int threads, Task task) throws Exception {
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

    /** Runs {@code task(thread)} over and over on each of {@code threads} threads for {@code seconds}. */
    static void forSeconds(int threads, double seconds, Task task) throws Exception {
        long until = System.nanoTime() + (long) (seconds * 1e9);
        inParallel(threads, threads, thread -> {
            while (System.nanoTime() < until) {
                task.run(thread);
            }
        });
    }
}
