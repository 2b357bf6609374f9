package community.platform.query.reminders;

import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
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
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sends the reminders that are due: to everyone holding a seat on a duty, a place at a festival event, or (for their
 * child) a course session that starts within their chosen hours, through each channel they left on. Every instance
 * checks every {@code platform.reminders.check}; the views say who holds what now, so a post moved after a reminder
 * was planned is reminded of at its new time (the key names the start), and one cancelled, or a place given up, is
 * not reminded of at all.
 * <p>
 * Once: each reminder's key is claimed in {@value #DELIVERIES} (an insert, which only one instance can make) before
 * it is sent, and marked sent after. That collection is not a view: a rebuild leaves it, so a replay sends nothing
 * again. A claim whose instance died before marking it is taken over once its lease
 * ({@code platform.reminders.lease}) has passed, and the reminder sent again under the same Message-ID: a reminder is
 * sent twice only if an instance dies in the moment between the channel accepting it and the mark.
 */
@Component
public class Reminders {

    private static final Logger log = LoggerFactory.getLogger(Reminders.class);
    static final String DELIVERIES = "reminderDeliveries";
    private static final Duration HORIZON = Duration.ofHours(ReminderPreferences.MAX_HOURS);

    private final MongoCollection<Document> duties;
    private final MongoCollection<Document> events;
    private final MongoCollection<Document> courses;
    private final MongoCollection<Document> accounts;
    private final MongoCollection<Document> preferences;
    private final MongoCollection<Document> deliveries;
    private final List<ReminderChannel> channels;
    private final Duration lease;
    private final String instance = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    public Reminders(MongoDatabase platformViewDatabase, List<ReminderChannel> channels,
                     @Value("${platform.reminders.lease:PT2M}") Duration lease) {
        this.duties = platformViewDatabase.getCollection("volunteerDuties");
        this.events = platformViewDatabase.getCollection("festivalEventViews");
        this.courses = platformViewDatabase.getCollection("courseViews");
        this.accounts = platformViewDatabase.getCollection("accountViews");
        this.preferences = platformViewDatabase.getCollection(ReminderPreferencesProjection.COLLECTION);
        this.deliveries = platformViewDatabase.getCollection(DELIVERIES);
        this.channels = channels;
        this.lease = lease;
    }

    @Scheduled(fixedDelayString = "${platform.reminders.check:PT1M}",
               initialDelayString = "${platform.reminders.check-delay:PT30S}")
    public void sendDue() {
        Instant now = GenericEventMessage.clock.instant(); // the events' clock, which tests may move
        for (Due due : coming(now)) {
            ReminderPreferences wanted = ReminderPreferencesProjection.find(preferences, due.username()).block();
            if (now.isBefore(due.startsAt().minus(Duration.ofHours(wanted.hoursBefore())))) {
                continue;
            }
            Document account = Mono.from(accounts.find(Filters.eq("_id", due.username())).first()).block();
            if (account == null || account.getBoolean("erased", false)) {
                continue;
            }
            for (ReminderChannel channel : channels) {
                boolean on = channel.name().equals("email") ? wanted.emailEnabled() : wanted.smsEnabled();
                Reminder reminder = due.to(channel.name(), wanted, account.getString("phone"));
                if (on && channel.reaches(reminder) && claim(reminder, now)) {
                    send(channel, reminder);
                }
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
                                                null, null, duty.getString("volunteer"))));
        Flux.from(events.find(Filters.and(Filters.eq("cancelled", false), Filters.gt("startsAt", from),
                                          Filters.lte("startsAt", to))))
            .toIterable()
            .forEach(event -> event.getList("registered", String.class).forEach(
                    resident -> coming.add(new Due(Reminder.Kind.EVENT, event.getString("_id"),
                                                   event.get("event", Document.class).getString("title"),
                                                   event.getString("venue"), event.getDate("startsAt").toInstant(),
                                                   null, null, resident))));
        Flux.from(courses.find(Filters.and(Filters.eq("published", true),
                                           Filters.gt("sessions.startsAt", from),
                                           Filters.lte("sessions.startsAt", to))))
            .toIterable()
            .forEach(stored -> {
                CourseDetails course = ViewCodec.fromDocument(stored, CourseDetails.class);
                course.sessions().stream()
                      .filter(s -> !s.cancelled() && s.startsAt().isAfter(now)
                              && !s.startsAt().isAfter(now.plus(HORIZON)))
                      .forEach(session -> course.enrolled().forEach(child -> coming.add(new Due(
                              Reminder.Kind.SESSION, course.id(), course.title(), session.room(), session.startsAt(),
                              session.number(), child.childName(), child.guardian()))));
            });
        return coming;
    }

    /**
     * Claims the reminder for this instance: a new key is inserted (only one instance can), a claim whose lease has
     * passed is taken over; a reminder sent, or claimed by a live instance, is not this instance's to send.
     */
    private boolean claim(Reminder reminder, Instant now) {
        Document claim = new Document("_id", reminder.id()).append("status", "SENDING").append("by", instance)
                                                           .append("leaseUntil", Date.from(now.plus(lease)))
                                                           .append("startsAt", Date.from(reminder.startsAt()));
        try {
            Mono.from(deliveries.insertOne(claim)).block();
            return true;
        } catch (MongoWriteException taken) {
            Document takenOver = Mono.from(deliveries.findOneAndUpdate(
                    Filters.and(Filters.eq("_id", reminder.id()), Filters.eq("status", "SENDING"),
                                Filters.lt("leaseUntil", Date.from(now))),
                    Updates.combine(Updates.set("by", instance), Updates.set("leaseUntil", Date.from(now.plus(lease))),
                                    Updates.inc("attempts", 1))))
                                     .block();
            if (takenOver != null) {
                log.warn("Sending again the reminder {}: the instance that claimed it stopped before marking it sent",
                         reminder.id());
            }
            return takenOver != null;
        }
    }

    /** A channel that fails gives the claim back, so the next check tries again (until the start has passed). */
    private void send(ReminderChannel channel, Reminder reminder) {
        try {
            channel.send(reminder);
            Mono.from(deliveries.updateOne(Filters.eq("_id", reminder.id()),
                                           Updates.combine(Updates.set("status", "SENT"),
                                                           Updates.set("sentAt", Date.from(GenericEventMessage.clock.instant())))))
                .block();
        } catch (RuntimeException failed) {
            log.warn("Could not send the {} reminder {}: {}; it is tried again at the next check", channel.name(),
                     reminder.id(), failed.getMessage());
            Mono.from(deliveries.deleteOne(Filters.and(Filters.eq("_id", reminder.id()), Filters.eq("by", instance))))
                .block();
        }
    }

    /** Someone holding a place on something that starts soon. */
    record Due(Reminder.Kind kind, String recordId, String title, String location, Instant startsAt, Integer session,
               String child, String username) {

        Reminder to(String channel, ReminderPreferences wanted, String phone) {
            String key = String.join("|", kind.name(), recordId, String.valueOf(session), username,
                                     String.valueOf(startsAt.getEpochSecond()), channel);
            return new Reminder(digest(key), kind, recordId, title, location, startsAt, session, child, username,
                                wanted.email(), phone, wanted.language());
        }

        /** The key as a short id that names no one (it is also the e-mail's Message-ID). */
        private static String digest(String key) {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
                return "reminder-" + HexFormat.of().formatHex(hash, 0, 16);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("Every Java runtime has SHA-256", e);
            }
        }
    }
}
