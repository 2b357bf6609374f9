package community.platform.query.reminders;

import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.query.views.ViewCodec;
import community.platform.shared.courses.CourseDetails;
import community.platform.shared.reminders.Reminder;
import community.platform.shared.reminders.ReminderChannel;
import community.platform.shared.reminders.ReminderPreferences;
import org.axonframework.eventhandling.GenericEventMessage;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends the reminders that are due: to everyone holding a seat on a duty, a place at a festival event, or (for their
 * child) a course session that starts within their chosen hours, through each channel they left on. Every instance
 * checks every {@code platform.reminders.check}, on a thread of its own (a slow SMTP server holds up nothing else);
 * the views say who holds what now, so a post moved after a reminder was planned is reminded of at its new time (the
 * key names the start), and one cancelled, or a place given up, is not reminded of at all.
 * <p>
 * Once: each reminder's key is claimed in {@value #DELIVERIES} (an insert, which only one instance can make), with a
 * lease ({@code platform.reminders.lease}) from the moment of the claim, before it is sent, and marked sent after. That
 * collection is not a view: a rebuild leaves it, so a replay sends nothing again. A claim whose instance died before
 * marking it is taken over once its lease has passed, and the reminder sent again under the same key: a reminder is
 * sent twice only if an instance dies between the channel accepting it and the mark. A channel that refuses is tried
 * again later, less and less often, {@value #MAX_ATTEMPTS} times at most. Keys are keyed hashes under the server's
 * secret, so a copy of the database does not tell who was reminded of what; a delivery is forgotten 30 days after the
 * start it was for.
 */
@Component
public class Reminders implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Reminders.class);
    static final String DELIVERIES = "reminderDeliveries";
    static final int MAX_ATTEMPTS = 8;
    private static final Duration HORIZON = Duration.ofHours(ReminderPreferences.MAX_HOURS);

    private final MongoCollection<Document> duties;
    private final MongoCollection<Document> events;
    private final MongoCollection<Document> courses;
    private final MongoCollection<Document> accounts;
    private final MongoCollection<Document> preferences;
    private final MongoCollection<Document> deliveries;
    private final List<ReminderChannel> channels;
    private final SecretKey secret;
    private final Duration lease;
    private final Duration check;
    private final Duration firstCheck;
    private final String instance = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private ScheduledExecutorService thread;

    public Reminders(MongoDatabase platformViewDatabase, List<ReminderChannel> channels, SecretKey serverSecretKey,
                     @Value("${platform.reminders.lease:PT2M}") Duration lease,
                     @Value("${platform.reminders.check:PT1M}") Duration check,
                     @Value("${platform.reminders.check-delay:PT30S}") Duration firstCheck) {
        this.duties = platformViewDatabase.getCollection("volunteerDuties");
        this.events = platformViewDatabase.getCollection("festivalEventViews");
        this.courses = platformViewDatabase.getCollection("courseViews");
        this.accounts = platformViewDatabase.getCollection("accountViews");
        this.preferences = platformViewDatabase.getCollection(ReminderPreferencesProjection.COLLECTION);
        this.deliveries = platformViewDatabase.getCollection(DELIVERIES);
        this.channels = channels;
        this.secret = serverSecretKey;
        this.lease = lease;
        this.check = check;
        this.firstCheck = firstCheck;
    }

    @Override
    public void start() {
        try {
            Flux.from(deliveries.createIndex(Indexes.ascending("startsAt"),
                                             new IndexOptions().expireAfter(30L, TimeUnit.DAYS))).blockLast();
        } catch (RuntimeException unsupported) {
            log.debug("No expiry index on {}: {}", DELIVERIES, unsupported.getMessage());
        }
        thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread reminders = new Thread(runnable, "reminders");
            reminders.setDaemon(true);
            return reminders;
        });
        thread.scheduleWithFixedDelay(() -> {
            try {
                sendDue();
            } catch (RuntimeException failed) {
                log.warn("The reminders' check failed; the next one tries again: {}", failed.toString());
            }
        }, firstCheck.toMillis(), check.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /**
     * One check. It reads what is coming, the residents' preferences and accounts, and what was sent already, a few
     * queries in all; it starts no new reminder once half a lease has gone by (the next check goes on).
     */
    public void sendDue() {
        Instant started = GenericEventMessage.clock.instant(); // the events' clock, which tests may move
        List<Due> coming = coming(started);
        Set<String> people = coming.stream().map(Due::username).collect(Collectors.toSet());
        Map<String, ReminderPreferences> wanted = ReminderPreferencesProjection.findAll(preferences, people);
        Map<String, Document> reachable = byId(accounts, people);
        List<Reminder> due = new ArrayList<>();
        Map<Reminder, ReminderChannel> through = new HashMap<>();
        for (Due place : coming) {
            ReminderPreferences mine = wanted.getOrDefault(place.username(), ReminderPreferences.DEFAULT);
            Document account = reachable.get(place.username());
            if (started.isBefore(place.startsAt().minus(Duration.ofHours(mine.hoursBefore())))
                    || account == null || account.getBoolean("erased", false)) {
                continue;
            }
            for (ReminderChannel channel : channels) {
                boolean on = channel.name().equals("email") ? mine.emailEnabled() : mine.smsEnabled();
                Reminder reminder = place.to(channel.name(), mine, account.getString("phone"), this::keyed);
                if (on && channel.reaches(reminder)) {
                    due.add(reminder);
                    through.put(reminder, channel);
                }
            }
        }
        Set<String> sent = byId(deliveries, due.stream().map(Reminder::id).collect(Collectors.toSet()))
                .values().stream().filter(d -> "SENT".equals(d.getString("status")))
                .map(d -> d.getString("_id")).collect(Collectors.toSet());
        Instant stopBy = started.plus(lease.dividedBy(2));
        for (Reminder reminder : due) {
            if (!sent.contains(reminder.id()) && GenericEventMessage.clock.instant().isBefore(stopBy)
                    && claim(reminder)) {
                send(through.get(reminder), reminder);
            }
        }
    }

    /** What starts after now and within the longest reminder time, with whoever holds a place there. */
    private List<Due> coming(Instant now) {
        Date from = Date.from(now);
        Date to = Date.from(now.plus(HORIZON));
        List<Due> coming = new ArrayList<>();
        Flux.from(duties.find(Filters.and(Filters.eq("status", "CONFIRMED"), Filters.gt("startsAt", from),
                                          Filters.lte("startsAt", to))))
            .toIterable()
            .forEach(duty -> coming.add(new Due(Reminder.Kind.DUTY, duty.getString("postId"), duty.getString("title"),
                                                duty.getString("location"), duty.getDate("startsAt").toInstant(),
                                                null, null, null, duty.getString("volunteer"))));
        Flux.from(events.find(Filters.and(Filters.eq("cancelled", false), Filters.gt("startsAt", from),
                                          Filters.lte("startsAt", to))))
            .toIterable()
            .forEach(event -> event.getList("registered", String.class).forEach(
                    resident -> coming.add(new Due(Reminder.Kind.EVENT, event.getString("_id"),
                                                   event.get("event", Document.class).getString("title"),
                                                   event.getString("venue"), event.getDate("startsAt").toInstant(),
                                                   null, null, null, resident))));
        Flux.from(courses.find(Filters.and(Filters.eq("published", true), Filters.gt("sessions.startsAt", from),
                                           Filters.lte("sessions.startsAt", to))))
            .toIterable()
            .forEach(stored -> {
                CourseDetails course = ViewCodec.fromDocument(stored, CourseDetails.class);
                course.sessions().stream()
                      .filter(s -> !s.cancelled() && s.startsAt().isAfter(now)
                              && !s.startsAt().isAfter(now.plus(HORIZON)))
                      .forEach(session -> course.enrolled().forEach(child -> coming.add(new Due(
                              Reminder.Kind.SESSION, course.id(), course.title(), session.room(), session.startsAt(),
                              session.number(), child.enrollmentId(), child.childName(), child.guardian()))));
            });
        return coming;
    }

    private static Map<String, Document> byId(MongoCollection<Document> collection, Set<String> ids) {
        return ids.isEmpty() ? Map.of()
                : Flux.from(collection.find(Filters.in("_id", ids))).collectMap(d -> d.getString("_id")).block();
    }

    /**
     * Claims the reminder for this instance, its lease running from now: a new key is inserted (only one instance
     * can), and one whose lease has passed (its instance died, or its channel refused a while ago) is taken over; a
     * reminder sent, or claimed by a live instance, is not this instance's to send.
     */
    private boolean claim(Reminder reminder) {
        Instant now = GenericEventMessage.clock.instant();
        Document claim = new Document("_id", reminder.id()).append("status", "SENDING").append("by", instance)
                                                           .append("leaseUntil", Date.from(now.plus(lease)))
                                                           .append("attempts", 1)
                                                           .append("startsAt", Date.from(reminder.startsAt()));
        try {
            Flux.from(deliveries.insertOne(claim)).blockLast();
            return true;
        } catch (MongoWriteException taken) {
            Document before = Flux.from(deliveries.findOneAndUpdate(
                    Filters.and(Filters.eq("_id", reminder.id()), Filters.eq("status", "SENDING"),
                                Filters.lt("leaseUntil", Date.from(now)), Filters.lt("attempts", MAX_ATTEMPTS)),
                    Updates.combine(Updates.set("by", instance), Updates.set("leaseUntil", Date.from(now.plus(lease))),
                                    Updates.inc("attempts", 1), Updates.unset("refused"))))
                                  .blockLast();
            if (before != null && !before.getBoolean("refused", false)) {
                log.warn("Sending again the reminder {}: the instance that claimed it stopped before marking it sent",
                         reminder.id());
            }
            return before != null;
        }
    }

    /**
     * A channel that refuses keeps the claim, with a lease that ends after 1, 2, 4… minutes (an hour at most), when
     * a check takes it again. Once the channel has accepted the reminder, the claim is never given back: a failed mark
     * leaves it to its lease, as a crash would.
     */
    private void send(ReminderChannel channel, Reminder reminder) {
        try {
            channel.send(reminder);
        } catch (RuntimeException refused) {
            Document claim = Flux.from(deliveries.find(Filters.eq("_id", reminder.id()))).blockLast();
            int attempts = claim == null ? 1 : claim.getInteger("attempts", 1);
            Duration wait = Duration.ofMinutes(Math.min(60, 1L << Math.min(6, attempts - 1)));
            log.warn("The {} channel did not take the reminder {} ({}, attempt {} of {}){}", channel.name(),
                     reminder.id(), refused.getClass().getSimpleName(), attempts, MAX_ATTEMPTS,
                     attempts < MAX_ATTEMPTS ? "; it is tried again in " + wait.toMinutes() + " min" : "; given up");
            Flux.from(deliveries.updateOne(Filters.and(Filters.eq("_id", reminder.id()), Filters.eq("by", instance)),
                                           Updates.combine(Updates.set("refused", true), Updates.set(
                                                   "leaseUntil", Date.from(GenericEventMessage.clock.instant()
                                                                                                   .plus(wait))))))
                .blockLast();
            return;
        }
        try {
            Flux.from(deliveries.updateOne(Filters.eq("_id", reminder.id()),
                                           Updates.combine(Updates.set("status", "SENT"),
                                                           Updates.set("sentAt",
                                                                       Date.from(GenericEventMessage.clock.instant())))))
                .blockLast();
        } catch (RuntimeException unmarked) {
            log.warn("The reminder {} was sent but could not be marked so; after its lease it may be sent again: {}",
                     reminder.id(), unmarked.toString());
        }
    }

    /** The key as an id that names no one without the server's secret (it is also the e-mail's Message-ID). */
    private String keyed(String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return "reminder-" + HexFormat.of().formatHex(mac.doFinal(key.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has HmacSHA256", e);
        }
    }

    /** Someone holding a place on something that starts soon; for a child's session, the enrollment and the child. */
    record Due(Reminder.Kind kind, String recordId, String title, String location, Instant startsAt, Integer session,
               String enrollmentId, String child, String username) {

        Reminder to(String channel, ReminderPreferences wanted, String phone, Function<String, String> keyed) {
            String key = String.join("|", kind.name(), recordId, String.valueOf(session), String.valueOf(enrollmentId),
                                     username, String.valueOf(startsAt.getEpochSecond()), channel);
            return new Reminder(keyed.apply(key), kind, recordId, title, location, startsAt, session, child, username,
                                wanted.email(), phone, wanted.language());
        }
    }
}
