package community.platform.query.reminders;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import community.platform.query.EmbeddedMongo;
import community.platform.query.views.ViewCodec;
import community.platform.shared.courses.CourseDetails;
import community.platform.shared.reminders.Reminder;
import community.platform.shared.reminders.ReminderChannel;
import community.platform.shared.reminders.ReminderPreferencesSetEvent;
import org.axonframework.eventhandling.GenericEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.crypto.spec.SecretKeySpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Reminders against the embedded server: due ones sent once through each channel left on, across two instances, a
 * crash, a failing channel and a rebuild; a moved post reminded of at its new time, a cancelled one not at all.
 */
class RemindersTest {

    private static final Instant NOW = Instant.parse("2027-03-01T02:00:00Z");
    private final Clock realClock = GenericEventMessage.clock;

    private EmbeddedMongo mongo;
    private final List<Reminder> sent = new ArrayList<>();
    private final Channel email = new Channel("email");
    private final Channel sms = new Channel("sms");

    /** A channel that records what it sends; it can be made to fail. */
    private final class Channel implements ReminderChannel {
        private final String name;
        private final List<Reminder> sent = new ArrayList<>();
        private boolean failing;

        Channel(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean reaches(Reminder reminder) {
            return name.equals("email") ? reminder.email() != null : reminder.phone() != null;
        }

        @Override
        public synchronized void send(Reminder reminder) {
            if (failing) {
                throw new IllegalStateException("the SMTP server is down");
            }
            sent.add(reminder);
            RemindersTest.this.sent.add(reminder);
        }
    }

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        GenericEventMessage.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        account("lihua", "13800138000");
        new ReminderPreferencesProjection(mongo.database()).on(
                new ReminderPreferencesSetEvent("lihua", "lihua@example.cn", true, true, 24, "zh"));
    }

    @AfterEach
    void stop() {
        GenericEventMessage.clock = realClock;
        mongo.close();
    }

    private Reminders instance() {
        return new Reminders(mongo.database(), List.of(email, sms),
                             new SecretKeySpec("a server secret for tests".getBytes(), "HmacSHA256"),
                             Duration.ofMinutes(2), Duration.ofMinutes(1), Duration.ofSeconds(30));
    }

    private void account(String username, String phone) {
        Mono.from(mongo.database().getCollection("accountViews").insertOne(
                new Document("_id", username).append("phone", phone).append("erased", false))).block();
    }

    private void duty(String volunteer, String postId, Instant startsAt, String status) {
        Mono.from(mongo.database().getCollection("volunteerDuties").replaceOne(
                Filters.eq("_id", volunteer + "|" + postId),
                new Document("_id", volunteer + "|" + postId).append("volunteer", volunteer).append("postId", postId)
                                                             .append("title", "健康守护岗").append("location", "Clinic")
                                                             .append("startsAt", Date.from(startsAt))
                                                             .append("status", status),
                new com.mongodb.client.model.ReplaceOptions().upsert(true))).block();
    }

    private void later(Duration by) {
        GenericEventMessage.clock = Clock.fixed(GenericEventMessage.clock.instant().plus(by), ZoneOffset.UTC);
    }

    @Test
    void aDutyWithinTheChosenHoursIsRemindedOnceThroughEachChannelAndNotBefore() {
        duty("lihua", "post-1", NOW.plus(Duration.ofHours(30)), "CONFIRMED");
        Reminders reminders = instance();
        reminders.sendDue();
        assertThat(sent).isEmpty(); // 30 hours ahead; she asked for 24

        later(Duration.ofHours(7));
        reminders.sendDue();
        reminders.sendDue();
        assertThat(sent).hasSize(2).allMatch(r -> r.title().equals("健康守护岗") && r.username().equals("lihua"));
        assertThat(sent).extracting(Reminder::id).doesNotHaveDuplicates();
        assertThat(sent.get(0).language()).isEqualTo("zh");
    }

    @Test
    void twoInstancesCheckingAtOnceSendEachReminderOnce() {
        for (int i = 0; i < 20; i++) {
            duty("lihua", "post-" + i, NOW.plus(Duration.ofHours(2)), "CONFIRMED");
        }
        Reminders one = instance();
        Reminders two = instance();
        CompletableFuture.allOf(CompletableFuture.runAsync(one::sendDue), CompletableFuture.runAsync(two::sendDue))
                         .join();
        assertThat(sent).hasSize(40).extracting(Reminder::id).doesNotHaveDuplicates();
    }

    @Test
    void aMovedDutyIsRemindedOfAtItsNewTimeAndACancelledOneNotAtAll() {
        duty("lihua", "post-1", NOW.plus(Duration.ofHours(2)), "CONFIRMED");
        duty("lihua", "post-2", NOW.plus(Duration.ofHours(3)), "CANCELLED");
        instance().sendDue();
        assertThat(sent).hasSize(2).allMatch(r -> r.recordId().equals("post-1"));

        duty("lihua", "post-1", NOW.plus(Duration.ofHours(5)), "CONFIRMED"); // moved after the reminder went
        instance().sendDue();
        assertThat(sent).hasSize(4);
        assertThat(sent.get(2).startsAt()).isEqualTo(NOW.plus(Duration.ofHours(5)));
    }

    @Test
    void aChannelThatRefusesIsTriedAgainAfterAWaitAndAtLastGivenUp() {
        duty("lihua", "post-1", NOW.plus(Duration.ofHours(2)), "CONFIRMED");
        email.failing = true;
        Reminders reminders = instance();
        reminders.sendDue();
        assertThat(sent).hasSize(1).allMatch(r -> r.phone() != null); // the SMS went; the e-mail did not
        reminders.sendDue();
        assertThat(sent).hasSize(1); // not again at once: a minute's wait after the first refusal

        email.failing = false;
        later(Duration.ofMinutes(2));
        reminders.sendDue();
        reminders.sendDue();
        assertThat(sent).hasSize(2).extracting(Reminder::id).doesNotHaveDuplicates();

        duty("lihua", "post-2", NOW.plus(Duration.ofHours(20)), "CONFIRMED");
        email.failing = true;
        for (int attempt = 0; attempt < Reminders.MAX_ATTEMPTS + 3; attempt++) {
            reminders.sendDue();
            later(Duration.ofMinutes(61));
        }
        email.failing = false;
        reminders.sendDue();
        // the SMS only: the e-mail was given up after its last attempt
        assertThat(sms.sent).filteredOn(r -> r.recordId().equals("post-2")).hasSize(1);
        assertThat(email.sent).filteredOn(r -> r.recordId().equals("post-2")).isEmpty();
    }

    @Test
    void aGuardianOfTwoChildrenInOneCourseIsRemindedForEach() {
        CourseDetails course = new CourseDetails(
                "course-1", "zhang", "剪纸", null, "Teacher Wu", 1, 6, 10, true, false,
                List.of(new CourseDetails.Session(1, NOW.plus(Duration.ofHours(4)), NOW.plus(Duration.ofHours(5)),
                                                  "201", false)),
                List.of(new CourseDetails.Enrollment("e-1", "lihua", "小明", 2, Map.of()),
                        new CourseDetails.Enrollment("e-2", "lihua", "小红", 2, Map.of())),
                List.of(), List.of(), List.of(), 3, "nb-default");
        Mono.from(mongo.database().getCollection("courseViews").insertOne(
                ViewCodec.toDocument(course).append("_id", "course-1"))).block();
        sms.failing = true;

        instance().sendDue();

        assertThat(sent).extracting(Reminder::child).containsExactlyInAnyOrder("小明", "小红");
    }

    @Test
    void aClaimInFlightWhenItsInstanceDiedIsTakenOverOnceTheLeasePasses() {
        duty("lihua", "post-1", NOW.plus(Duration.ofHours(2)), "CONFIRMED");
        Reminders first = instance();
        first.sendDue();
        assertThat(sent).hasSize(2);
        // make it look as if the instance died after claiming and before marking: SENDING, lease running
        Mono.from(mongo.database().getCollection(Reminders.DELIVERIES).updateMany(
                new Document(), Updates.combine(Updates.set("status", "SENDING"), Updates.set("by", "dead"),
                                                Updates.set("leaseUntil", Date.from(NOW.plus(Duration.ofMinutes(2)))))))
             .block();
        sent.clear();
        Reminders restarted = instance();
        restarted.sendDue();
        assertThat(sent).isEmpty(); // the lease has not passed: the other instance may be sending it now

        later(Duration.ofMinutes(3));
        restarted.sendDue();
        restarted.sendDue();
        assertThat(sent).hasSize(2); // taken over once, under the same ids
    }

    @Test
    void aRebuildOfTheViewsSendsNothingAgain() {
        duty("lihua", "post-1", NOW.plus(Duration.ofHours(2)), "CONFIRMED");
        instance().sendDue();
        // a rebuild writes the same duty again
        Mono.from(mongo.database().getCollection("volunteerDuties").deleteMany(new Document())).block();
        duty("lihua", "post-1", NOW.plus(Duration.ofHours(2)), "CONFIRMED");
        instance().sendDue();
        assertThat(sent).hasSize(2);
    }

    @Test
    void channelsTurnedOffAndErasedResidentsGetNothing() {
        new ReminderPreferencesProjection(mongo.database()).on(
                new ReminderPreferencesSetEvent("lihua", "lihua@example.cn", false, true, 24, "en"));
        account("wang", "13900139000");
        Mono.from(mongo.database().getCollection("accountViews").updateOne(
                Filters.eq("_id", "wang"), Updates.set("erased", true))).block();
        duty("lihua", "post-1", NOW.plus(Duration.ofHours(2)), "CONFIRMED");
        duty("wang", "post-1", NOW.plus(Duration.ofHours(2)), "CONFIRMED");
        instance().sendDue();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).phone()).isEqualTo("13800138000");
        assertThat(sent.get(0).language()).isEqualTo("en");
    }

    @Test
    void festivalEventsAndEachSessionOfAChildsCourseAreRemindedToo() {
        Mono.from(mongo.database().getCollection("festivalEventViews").insertOne(
                new Document("_id", "fe-1").append("event", new Document("title", "写春联"))
                                           .append("venue", "Culture Hall").append("cancelled", false)
                                           .append("startsAt", Date.from(NOW.plus(Duration.ofHours(3))))
                                           .append("registered", List.of("lihua")).append("queue", List.of())))
             .block();
        CourseDetails course = new CourseDetails(
                "course-1", "zhang", "剪纸", null, "Teacher Wu", 1, 6, 10, true, false,
                List.of(new CourseDetails.Session(1, NOW.plus(Duration.ofHours(4)), NOW.plus(Duration.ofHours(5)),
                                                  "201", false),
                        new CourseDetails.Session(2, NOW.plus(Duration.ofHours(6)), NOW.plus(Duration.ofHours(7)),
                                                  "201", true),
                        new CourseDetails.Session(3, NOW.plus(Duration.ofDays(7)), NOW.plus(Duration.ofDays(7)),
                                                  "201", false)),
                List.of(new CourseDetails.Enrollment("e-1", "lihua", "小明", 2, Map.of())), List.of(), List.of(),
                List.of(), 3, "nb-default");
        Mono.from(mongo.database().getCollection("courseViews").insertOne(
                ViewCodec.toDocument(course).append("_id", "course-1"))).block();
        new ReminderPreferencesProjection(mongo.database()).on(
                new ReminderPreferencesSetEvent("lihua", "lihua@example.cn", true, false, 24, "zh"));

        instance().sendDue();

        assertThat(sent).extracting(Reminder::kind, Reminder::title, Reminder::session, Reminder::child)
                        .containsExactlyInAnyOrder(tuple(Reminder.Kind.EVENT, "写春联", null, null),
                                                   tuple(Reminder.Kind.SESSION, "剪纸", 1, "小明"));
    }
}
