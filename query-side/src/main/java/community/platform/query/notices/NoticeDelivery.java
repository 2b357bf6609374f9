package community.platform.query.notices;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.shared.courses.CourseEvent;
import community.platform.shared.festival.FestivalEventEvent;
import community.platform.shared.volunteering.VolunteerPostEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.function.Function;

/**
 * Sends notices through the {@link NoticeChannel}: the same notices the inbox stores, by the same rules, once each,
 * and never on a replay. It runs in the notices' processor ahead of {@link NoticeProjection} ({@link Order}), so it
 * reads a record's members as they were before the event, and can tell an event the inbox holds already (handled
 * again after a failure) from a new one: only a new one is sent. A notice goes out after the batch that stores it has
 * committed, so a batch that fails and is handled again does not send it twice.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
@ProcessingGroup(NoticeProjection.GROUP)
class NoticeDelivery {

    private static final Logger log = LoggerFactory.getLogger(NoticeDelivery.class);

    private final MongoCollection<Document> members;
    private final NoticeChannel channel;

    /** Reads the inbox's members, never writes them. */
    public NoticeDelivery(MongoDatabase platformViewDatabase, NoticeChannel channel) {
        this.members = platformViewDatabase.getCollection(NoticeProjection.MEMBERS);
        this.channel = channel;
    }

    @EventHandler
    @DisallowReplay
    void on(VolunteerPostEvent event, @SequenceNumber long sequence) {
        deliver(event.postId(), sequence, title -> VolunteeringNoticeRules.of(event, title));
    }

    @EventHandler
    @DisallowReplay
    void on(FestivalEventEvent event, @SequenceNumber long sequence) {
        deliver(event.eventId(), sequence, title -> FestivalNoticeRules.of(event, title));
    }

    @EventHandler
    @DisallowReplay
    void on(CourseEvent event, @SequenceNumber long sequence) {
        deliver(event.courseId(), sequence, title -> CourseNoticeRules.of(event, title));
    }

    private void deliver(String recordId, long sequence, Function<String, Change> rules) {
        Members before = Members.find(members, recordId);
        if (before.applied(sequence)) {
            return;
        }
        Change change = rules.apply(before.title());
        List<String> recipients = before.after(change, sequence).told(change);
        if (recipients.isEmpty()) {
            return;
        }
        Runnable send = () -> recipients.forEach(recipient -> send(recipient, change.told()));
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> send.run());
        } else {
            send.run();
        }
    }

    /** A channel that fails loses that message only: the notice is in the inbox, and the others still go. */
    private void send(String recipient, Change.Told told) {
        try {
            channel.deliver(recipient, told.subject(), told.body());
        } catch (RuntimeException e) {
            log.warn("Could not send the notice '{}' to {}", told.subject(), recipient, e);
        }
    }
}
