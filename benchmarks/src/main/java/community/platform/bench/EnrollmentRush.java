package community.platform.bench;

import com.fasterxml.jackson.databind.JsonNode;
import community.platform.shared.personal.ChildDataNotice;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.net.http.HttpResponse;
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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * The enrollment rush: a popular Sunshine 330 course opens and hundreds of guardians press "enroll" in the same minute.
 * 3,000 guardians each enroll one child into one of 10 courses of 30 seats (300 to a course, the courses interleaved)
 * from 64 client threads at once, while 64 reader threads load the course list and course pages for the whole rush.
 * Then the same residents register for 10 Spring Festival couplet competitions of 30 places (each in a venue of its
 * own), the same way, while readers load the event list and event pages. Everything goes over HTTP from this process
 * to the built jar (embedded storage in a temporary folder), as in {@link BurstBenchmark}.
 * <p>
 * Once every processor has caught up with the rush (an answer "saved, not yet visible" is a 5xx all the same, but
 * the change it saved counts), the counts must be exact: each course exactly 30 enrolled and 270 waiting, the waitlist numbered 1..270 in
 * the order the answers gave, every child once, each roster entry the one its guardian was answered; each competition
 * 30 registered and 270 on its waitlist (a full event queues, it does not refuse), the queue places answered 1..270;
 * no 5xx and no other unexpected answer, to writers or readers. A wrong count makes {@code main} exit with 1.
 * <p>
 * Residents are registered and signed in once before the rushes (registration per address is unlimited for the
 * benchmarks' platform, see {@link Platform#start}), so the rushes measure enrollments, not BCrypt. {@code main} also
 * measures the trivial authenticated handler ({@link AuthBenchmark#signedInRate}) on the same platform, so that the
 * rates can be read as a fraction of what the platform answers at all.
 * <p>
 * Usage: {@code bench/run rush [--guardians=3000] [--courses=10] [--seats=30] [--clients=64] [--readers=64]
 * [--seconds=5]}
 */
public final class EnrollmentRush {

    /** How long the check waits for the processors to catch up with the rush before it reads what they hold. */
    private static final Duration SETTLING = Duration.ofMinutes(5);

    /**
     * One rush: its requests and their latencies, the reads made meanwhile, and what the platform held afterwards;
     * {@code problems} lists every unexpected answer and every mismatch the check found.
     */
    record Rush(String name, int requests, int groups, int seats, int clients, int readers, double seconds, double p50,
                double p99, long reads, double readP50, double readP99, double settled, int seated, int expectedSeated,
                int waitlisted, int expectedWaitlisted, int serverErrors, List<String> problems) {

        boolean correct() {
            return problems.isEmpty() && serverErrors == 0 && seated == expectedSeated
                    && waitlisted == expectedWaitlisted;
        }

        /** Requests answered per second over the rush. */
        double rate() {
            return requests / seconds;
        }

        String line() {
            return String.format("%s: %,d requests for %d × %d places from %d clients in %.1f s = %.1f/s, p50 %.0f ms,"
                                 + " p99 %.0f ms; %,d reads by %d readers meanwhile, p50 %.0f ms, p99 %.0f ms; views"
                                 + " caught up %.1f s after the last answer; seated %,d (expected %,d), waitlisted %,d"
                                 + " (expected %,d), 5xx %d, problems %d: %s", name, requests, groups, seats, clients,
                                 seconds, rate(), p50, p99, reads, readers, readP50, readP99, settled, seated,
                                 expectedSeated, waitlisted, expectedWaitlisted, serverErrors, problems.size(),
                                 correct() ? "correct" : "WRONG");
        }
    }

    /** Both rushes, on the same residents. */
    record Result(Rush courses, Rush couplets) {

        boolean correct() {
            return courses.correct() && couplets.correct();
        }
    }

    private EnrollmentRush() {
    }

    public static void main(String[] args) throws Exception {
        int guardians = Integer.parseInt(EventStoreBenchmark.option(args, "guardians", "3000"));
        int courses = Integer.parseInt(EventStoreBenchmark.option(args, "courses", "10"));
        int seats = Integer.parseInt(EventStoreBenchmark.option(args, "seats", "30"));
        int clients = Integer.parseInt(EventStoreBenchmark.option(args, "clients", "64"));
        int readers = Integer.parseInt(EventStoreBenchmark.option(args, "readers", "64"));
        int seconds = Integer.parseInt(EventStoreBenchmark.option(args, "seconds", "5"));
        Path jar = Path.of(EventStoreBenchmark.option(args, "jar", Platform.JAR));
        Path out = Path.of(EventStoreBenchmark.option(args, "out", "docs/benchmarks.md"));
        boolean correct;
        try (Platform platform = Platform.start(jar, "rush-bench", Api.environment(), Api.arguments())) {
            Api api = new Api(platform);
            api.registerOrganizer("organizer");
            Result rush = run(api, "organizer", "guardian-", guardians, courses, seats, clients, readers);

            AuthBenchmark.signedInRate(api, "guardian-0", clients, seconds);
            double ping = AuthBenchmark.signedInRate(api, "guardian-0", clients, seconds);
            System.out.printf("trivial authenticated handler (GET /api/ping) from %d clients: %.0f req/s;"
                              + " enrollments %.4f of it, couplet registrations %.4f of it%n", clients, ping,
                              rush.courses().rate() / ping, rush.couplets().rate() / ping);
            Figures.writeSection(out, "rush", """
                    ## Enrollment rush

                    `bench/run rush`, %s, on %s. The built jar on embedded storage (durable H2 file) in its own
                    process; this benchmark's process plays %,d residents, registered and signed in before the
                    rushes. Courses: each resident enrolls one child (grades 1 to 3) into one of %d courses of %d
                    seats, the courses interleaved, all requests from %d client threads at once, each waiting for
                    its answer (given once the course shows the decision); meanwhile %d reader threads load
                    `GET /api/courses` and `GET /api/courses/{id}` until the last enrollment is answered. Couplets:
                    the same residents register, the same way, for %d couplet competitions of %d places, each in a
                    venue of its own, while the readers load `GET /api/festival-events` and the events' pages.
                    Once every processor has caught up (the time after the last answer is in the table), every
                    roster (courses) and event is read back. Target: per course exactly the seats
                    enrolled and the rest waiting, the waitlist numbered 1, 2, 3… in the order the answers gave,
                    every child once; per competition the places registered and the rest queued (a full event
                    queues, it does not refuse), the queue places answered 1, 2, 3…; no 5xx, no unexpected answer.
                    The yardstick is the trivial authenticated handler (`GET /api/ping`, HTTP Basic, as in
                    `bench/run auth`) from %d clients on the same platform after the rushes, one %d s round after a
                    warm-up round.

                    | rush | requests/s | p50 (ms) | p99 (ms) | of `/api/ping` | reads | read p50 (ms) | read p99 (ms) | views caught up (s) | seated | waitlisted | 5xx | problems | check |
                    |---|---|---|---|---|---|---|---|---|---|---|---|---|---|
                    %s
                    %s

                    `GET /api/ping` from %d clients: %.0f requests/s.
                    """.formatted(LocalDate.now(), Figures.machine(), guardians, courses, seats, clients, readers,
                                  courses, seats, clients, seconds, row(rush.courses(), ping),
                                  row(rush.couplets(), ping), clients, ping));
            System.out.println("wrote " + out);
            correct = rush.correct();
        }
        // after the platform is closed: System.exit in the block would leave its process running
        if (!correct) {
            System.exit(1);
        }
    }

    private static String row(Rush rush, double ping) {
        return String.format("| %s | %.1f | %.0f | %.0f | %.4f | %,d | %.0f | %.0f | %.1f | %,d of %,d | %,d of %,d | %d |"
                             + " %d | %s |", rush.name(), rush.rate(), rush.p50(), rush.p99(), rush.rate() / ping,
                             rush.reads(), rush.readP50(), rush.readP99(), rush.settled(), rush.seated(),
                             rush.expectedSeated(),
                             rush.waitlisted(), rush.expectedWaitlisted(), rush.serverErrors(),
                             rush.problems().size(), rush.correct() ? "correct" : "**wrong**");
    }

    /**
     * Registers residents {@code prefix0..guardians-1} and signs each in, then runs the course rush and the couplet
     * rush on them: {@code groups} courses and as many competitions, each of {@code seats} places, new ones of the
     * organizer's (the rooms and venues named after {@code prefix}, so a second run on the platform needs another).
     */
    static Result run(Api api, String organizer, String prefix, int guardians, int groups, int seats, int clients,
                      int readers) throws Exception {
        long preparing = System.nanoTime();
        api.registerResidents(prefix, guardians);
        System.out.printf("registered and signed in %,d residents in %.0f s%n", guardians,
                          (System.nanoTime() - preparing) / 1e9);
        Rush courses = courses(api, organizer, prefix, guardians, groups, seats, clients, readers);
        Rush couplets = couplets(api, organizer, prefix, guardians, groups, seats, clients, readers);
        return new Result(courses, couplets);
    }

    /** Guardian {@code g} enrolls one child into course {@code g % groups}; then the rosters are checked. */
    static Rush courses(Api api, String organizer, String prefix, int guardians, int groups, int seats, int clients,
                        int readers) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int c = 0; c < groups; c++) {
            ids.add(api.publishCourse(organizer, "书法 Calligraphy " + c, seats, "Room " + prefix + c));
        }
        Answers answers = rush(api, prefix, guardians, clients, readers, "/courses", ids, g -> api.attempt(
                "/courses/" + ids.get(g % groups) + "/enrollments", prefix + g,
                Map.of("childName", child(prefix, g), "childGrade", 1 + g % 3, "consent", true,
                       "consentVersion", ChildDataNotice.VERSION)));

        awaitDecided(api, organizer, ids, answers);
        List<String> problems = new ArrayList<>(answers.problems());
        Map<String, Integer> guardianOf = new HashMap<>();
        for (int g = 0; g < guardians; g++) {
            guardianOf.put(prefix + g, g);
        }
        Set<String> seen = new HashSet<>();
        int seated = 0;
        int waitlisted = 0;
        for (int c = 0; c < groups; c++) {
            String id = ids.get(c);
            JsonNode roster = Api.JSON.readTree(api.getBody("/courses/" + id + "/roster", organizer));
            int position = 0;
            for (JsonNode child : roster.get("enrolled")) {
                seated++;
                checkEntry(problems, answers, guardianOf, seen, prefix, c, groups, id, child, "ENROLLED", null);
            }
            for (JsonNode child : roster.get("waitlist")) {
                waitlisted++;
                position++;
                if (child.get("position").asInt() != position) {
                    problems.add(id + ": waitlist place " + position + " numbered " + child.get("position"));
                }
                checkEntry(problems, answers, guardianOf, seen, prefix, c, groups, id, child, "WAITLISTED",
                           position);
            }
            JsonNode course = Api.JSON.readTree(api.getBody("/courses/" + id, organizer));
            int enrolledHere = roster.get("enrolled").size();
            int waitingHere = roster.get("waitlist").size();
            if (course.get("enrolled").asInt() != enrolledHere || course.get("waitlisted").asInt() != waitingHere) {
                problems.add(id + ": the course shows " + course.get("enrolled") + " enrolled and "
                                     + course.get("waitlisted") + " waiting, its roster " + enrolledHere + " and "
                                     + waitingHere);
            }
            int assigned = assigned(guardians, groups, c);
            if (enrolledHere != Math.min(seats, assigned) || waitingHere != assigned - Math.min(seats, assigned)) {
                problems.add(id + ": " + enrolledHere + " enrolled and " + waitingHere + " waiting, expected "
                                     + Math.min(seats, assigned) + " and " + (assigned - Math.min(seats, assigned)));
            }
        }
        for (int g = 0; g < guardians; g++) {
            if (answers.status()[g] == 201 && !seen.contains(prefix + g)) {
                problems.add(prefix + g + " was answered " + answers.body()[g] + " but is on no roster");
            }
        }
        return answers.rush("course enrollments", guardians, groups, seats, clients, readers, seated, waitlisted,
                            problems);
    }

    /**
     * The enrollment process decides requests one at a time, after the answers and apart from the projections the
     * lag counts: waits, for at most {@link #SETTLING}, until the courses hold every request that was saved (answered
     * 201, or 503 "saved, not yet visible").
     */
    private static void awaitDecided(Api api, String organizer, List<String> ids, Answers answers) throws Exception {
        long saved = Arrays.stream(answers.status()).filter(status -> status == 201 || status == 503).count();
        long deadline = System.nanoTime() + SETTLING.toNanos();
        long held = 0;
        while (System.nanoTime() < deadline) {
            held = 0;
            for (String id : ids) {
                JsonNode course = Api.JSON.readTree(api.getBody("/courses/" + id, organizer));
                held += course.get("enrolled").asInt() + course.get("waitlisted").asInt();
            }
            if (held >= saved) {
                return;
            }
            Thread.sleep(1000);
        }
        System.out.printf("the courses held %,d of %,d saved requests %d s after the rush%n", held, saved,
                          SETTLING.toSeconds());
    }

    /**
     * One roster entry: its guardian is one of the rush's, met for the first time, who asked for this course, with
     * their child, and was answered this enrollment with this status and queue place.
     */
    private static void checkEntry(List<String> problems, Answers answers, Map<String, Integer> guardianOf,
                                   Set<String> seen, String prefix, int course, int groups, String id, JsonNode entry,
                                   String status, Integer position) throws Exception {
        String guardian = entry.get("guardian").asText();
        Integer g = guardianOf.get(guardian);
        if (g == null || !seen.add(guardian)) {
            problems.add(id + ": " + (g == null ? "an unknown guardian " : "a second child of ") + guardian);
            return;
        }
        if (g % groups != course || !child(prefix, g).equals(entry.get("childName").asText())) {
            problems.add(id + ": " + guardian + "'s child " + entry.get("childName") + " in the wrong course");
        }
        JsonNode answer = answers.json(g);
        if (answer == null) {
            return;  // an answer other than 201 is a problem already; what it saved is counted all the same
        }
        if (!entry.get("enrollmentId").asText().equals(answer.path("enrollmentId").asText())
                || !status.equals(answer.path("status").asText())
                || (position != null && answer.path("waitlistPosition").asInt() != position)) {
            problems.add(id + ": " + guardian + " is " + status + (position == null ? "" : " " + position)
                                 + " on the roster but was answered " + answers.body()[g]);
        }
    }

    /** Resident {@code r} registers for competition {@code r % groups}; then the events' counts are checked. */
    static Rush couplets(Api api, String organizer, String prefix, int residents, int groups, int seats, int clients,
                         int readers) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int c = 0; c < groups; c++) {
            ids.add(api.scheduleCompetition(organizer, "春联比赛 Couplet competition " + c, "Couplet hall " + prefix + c,
                                            Api.competitionStart(), seats));
        }
        Answers answers = rush(api, prefix, residents, clients, readers, "/festival-events", ids,
                               r -> api.attempt("/festival-events/" + ids.get(r % groups) + "/registrations",
                                                prefix + r, null));

        List<String> problems = new ArrayList<>(answers.problems());
        int seated = 0;
        int waitlisted = 0;
        for (int c = 0; c < groups; c++) {
            String id = ids.get(c);
            int registered = 0;
            Set<Integer> places = new HashSet<>();
            for (int r = c; r < residents; r += groups) {
                JsonNode answer = answers.json(r);
                if (answer == null) {
                    continue;
                }
                if ("REGISTERED".equals(answer.path("status").asText())) {
                    registered++;
                } else if (!"WAITLISTED".equals(answer.path("status").asText())
                        || !places.add(answer.path("waitlistPosition").asInt())) {
                    problems.add(id + ": " + prefix + r + " was answered " + answers.body()[r]);
                }
            }
            int assigned = assigned(residents, groups, c);
            int expectedSeated = Math.min(seats, assigned);
            for (int place = 1; place <= assigned - expectedSeated; place++) {
                if (!places.contains(place)) {
                    problems.add(id + ": no one was answered queue place " + place);
                }
            }
            JsonNode event = Api.JSON.readTree(api.getBody("/festival-events/" + id, organizer));
            int registeredHere = event.get("registered").asInt();
            int waitingHere = event.get("waitlisted").asInt();
            seated += registeredHere;
            waitlisted += waitingHere;
            if (registeredHere != expectedSeated || waitingHere != assigned - expectedSeated
                    || registered != expectedSeated || places.size() != assigned - expectedSeated) {
                problems.add(String.format("%s: shows %d registered and %d waiting, answered %d and %d, expected %d"
                                           + " and %d", id, registeredHere, waitingHere, registered, places.size(),
                                           expectedSeated, assigned - expectedSeated));
            }
        }
        return answers.rush("couplet registrations", residents, groups, seats, clients, readers, seated, waitlisted,
                            problems);
    }

    private static String child(String prefix, int guardian) {
        return "Child of " + prefix + guardian;
    }

    /** How many of {@code people}, taken in turn, go to group {@code group} of {@code groups}. */
    private static int assigned(int people, int groups, int group) {
        return people / groups + (group < people % groups ? 1 : 0);
    }

    interface Request {
        HttpResponse<String> send(int person) throws Exception;
    }

    /** What a rush was answered, person by person, with its timings and the readers' figures. */
    private record Answers(int[] status, String[] body, double seconds, Histogram writes, Histogram reads,
                           double settled, int serverErrors, List<String> problems) {

        /** The answer's body if it was a 201, else null. */
        JsonNode json(int person) throws Exception {
            return status[person] == 201 ? Api.JSON.readTree(body[person]) : null;
        }

        /** The rush as a whole, with every problem {@code found}, its own answers' among them. */
        Rush rush(String name, int requests, int groups, int seats, int clients, int readers, int seated,
                  int waitlisted, List<String> found) {
            int expectedSeated = IntStream.range(0, groups).map(g -> Math.min(seats, assigned(requests, groups, g)))
                                          .sum();
            Rush rush = new Rush(name, requests, groups, seats, clients, readers, seconds,
                                 writes.getValueAtPercentile(50) / 1e6, writes.getValueAtPercentile(99) / 1e6,
                                 reads.getTotalCount(), reads.getValueAtPercentile(50) / 1e6,
                                 reads.getValueAtPercentile(99) / 1e6, settled, seated, expectedSeated, waitlisted,
                                 requests - expectedSeated, serverErrors, List.copyOf(found));
            System.out.println(rush.line());
            found.stream().limit(5).forEach(p -> System.out.println("  problem: " + p));
            return rush;
        }
    }

    /**
     * Sends {@code requests} requests from {@code clients} threads, each person once, while {@code readers} threads
     * load the list at {@code collection} and the pages of {@code ids} in turn (as residents of the rush) until the
     * last request is answered. Anything but a 201 to a request or a 200 to a read is a problem.
     */
    private static Answers rush(Api api, String prefix, int requests, int clients, int readers, String collection,
                                List<String> ids, Request request) throws Exception {
        int[] status = new int[requests];
        String[] body = new String[requests];
        Histogram writes = new ConcurrentHistogram(3_600_000_000_000L, 3);
        Histogram reads = new ConcurrentHistogram(3_600_000_000_000L, 3);
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicInteger serverErrors = new AtomicInteger();
        AtomicBoolean rushing = new AtomicBoolean(true);
        ExecutorService readerPool = Executors.newFixedThreadPool(readers);
        List<Future<?>> reading = IntStream.range(0, readers).<Future<?>>mapToObj(r -> readerPool.submit(() -> {
            String reader = prefix + r % requests;
            for (int i = 0; rushing.get(); i++) {
                String path = i % 2 == 0 ? collection : collection + "/" + ids.get((r + i / 2) % ids.size());
                long sent = System.nanoTime();
                int answered = readStatus(api, path, reader);
                reads.recordValue(System.nanoTime() - sent);
                if (answered != 200) {
                    serverErrors.addAndGet(answered >= 500 ? 1 : 0);
                    problems.add("GET " + path + " answered " + answered);
                }
            }
            return null;
        })).toList();
        long started = System.nanoTime();
        try {
            Api.inParallel(requests, clients, person -> {
                long sent = System.nanoTime();
                try {
                    HttpResponse<String> answer = request.send(person);
                    status[person] = answer.statusCode();
                    body[person] = answer.body();
                } catch (java.io.IOException e) {
                    status[person] = -1;
                    body[person] = e.toString();
                }
                writes.recordValue(System.nanoTime() - sent);
                if (status[person] != 201) {
                    serverErrors.addAndGet(status[person] >= 500 ? 1 : 0);
                    problems.add(prefix + person + " was answered " + status[person] + ": " + body[person]);
                }
            });
        } finally {
            rushing.set(false);
        }
        long answered = System.nanoTime();
        double seconds = (answered - started) / 1e9;
        for (Future<?> reader : reading) {
            reader.get();
        }
        readerPool.shutdown();
        // A 503 "saved, not yet visible" is a change made all the same: the check reads what the views hold once
        // every projection has caught up (and, for courses, once the enrollment process has decided every request:
        // see awaitDecided).
        long lag = api.awaitCaughtUp(SETTLING);
        if (lag > 0) {
            problems.add("the processors were still " + lag + " events behind " + SETTLING.toSeconds()
                                 + " s after the last answer");
        }
        return new Answers(status, body, seconds, writes, reads, (System.nanoTime() - answered) / 1e9,
                           serverErrors.get(), new ArrayList<>(problems));
    }

    /** The status of a GET; a request that failed outright counts as -1. */
    private static int readStatus(Api api, String path, String user) throws Exception {
        try {
            return api.get(path, user);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
