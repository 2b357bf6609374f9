package community.platform.query.notices;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.shared.notices.FindNoticesQuery;
import community.platform.shared.notices.Notice;
import community.platform.shared.notices.NoticeReadEvent;
import community.platform.shared.volunteering.SignUpWithdrawnEvent;
import community.platform.shared.volunteering.VolunteerPostCancelledEvent;
import community.platform.shared.volunteering.VolunteerPostEvent;
import community.platform.shared.volunteering.VolunteerPostPublishedEvent;
import community.platform.shared.volunteering.VolunteerPostRescheduledEvent;
import community.platform.shared.volunteering.VolunteerPromotedEvent;
import community.platform.shared.volunteering.VolunteerSignedUpEvent;
import community.platform.shared.volunteering.VolunteerWaitlistedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static com.mongodb.client.model.Filters.eq;

/**
 * Change notices ({@value #NOTICES}): when a post is rescheduled or cancelled, everyone holding a place gets one
 * saying what changed; a volunteer moved up from the queue is told too. Who holds a place is kept per post
 * ({@value #MEMBERS}). A notice's id comes from the event that caused it, so re-applying an event writes the same
 * notice again; read flags come from the recipients' inbox events and survive a rebuild.
 */
@Component
@ProcessingGroup(NoticeProjection.GROUP)
public class NoticeProjection {

    public static final String GROUP = "notices";
    static final String NOTICES = "notices";
    static final String MEMBERS = "noticePostMembers";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                                                                    .withZone(ZoneId.of("Asia/Shanghai"));

    private final MongoCollection<Document> notices;
    private final MongoCollection<Document> members;
    private final QueryUpdateEmitter updates;
    private final NoticeChannel channel;

    public NoticeProjection(MongoDatabase platformViewDatabase, QueryUpdateEmitter updates, NoticeChannel channel) {
        this.notices = platformViewDatabase.getCollection(NOTICES);
        this.members = platformViewDatabase.getCollection(MEMBERS);
        this.updates = updates;
        this.channel = channel;
    }

    @EventHandler
    void on(VolunteerPostEvent event, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        Document post = Mono.from(members.find(eq("_id", event.postId())).first()).block();
        if (post != null && post.getLong("lastSequence") >= sequence) {
            return;
        }
        if (event instanceof VolunteerPostPublishedEvent published) {
            post = new Document("_id", published.postId()).append("title", published.title())
                                                          .append("members", List.of());
        }
        List<String> holders = new ArrayList<>(post.getList("members", String.class));
        String title = post.getString("title");
        if (event instanceof VolunteerSignedUpEvent signedUp) {
            holders.add(signedUp.volunteer());
        } else if (event instanceof VolunteerWaitlistedEvent waitlisted) {
            holders.add(waitlisted.volunteer());
        } else if (event instanceof SignUpWithdrawnEvent withdrawn) {
            holders.remove(withdrawn.volunteer());
        } else if (event instanceof VolunteerPromotedEvent promoted) {
            send(event.postId(), sequence, at, List.of(promoted.volunteer()), "You have a seat: " + title,
                 "A seat became free and you were first in line; you are now confirmed for " + title + ".", replay);
        } else if (event instanceof VolunteerPostRescheduledEvent moved) {
            send(event.postId(), sequence, at, holders, "Rescheduled: " + title,
                 title + " moves from " + LOCAL.format(moved.previousStartsAt()) + "–"
                         + LOCAL.format(moved.previousEndsAt()) + " to " + LOCAL.format(moved.startsAt()) + "–"
                         + LOCAL.format(moved.endsAt()) + " (Beijing time)."
                         + (moved.reason() == null || moved.reason().isBlank() ? "" : " Reason: " + moved.reason()),
                 replay);
        } else if (event instanceof VolunteerPostCancelledEvent cancelled) {
            send(event.postId(), sequence, at, holders, "Cancelled: " + title,
                 title + " is cancelled. Reason: " + cancelled.reason(), replay);
        }
        Mono.from(members.replaceOne(eq("_id", event.postId()),
                                     post.append("members", holders).append("lastSequence", sequence),
                                     new ReplaceOptions().upsert(true))).block();
    }

    private void send(String postId, long sequence, Instant at, List<String> recipients, String subject, String body,
                      ReplayStatus replay) {
        for (String recipient : recipients) {
            String id = postId + "-" + sequence + "-" + recipient;
            Mono.from(notices.updateOne(eq("_id", id), Updates.combine(
                    Updates.set("recipient", recipient), Updates.set("createdAt", Date.from(at)),
                    Updates.set("subject", subject), Updates.set("body", body),
                    Updates.setOnInsert("read", false)), new UpdateOptions().upsert(true))).block();
            if (!replay.isReplay()) {
                channel.deliver(recipient, subject, body);
            }
            updates.emit(FindNoticesQuery.class, query -> query.recipient().equals(recipient), List.of());
        }
    }

    @EventHandler
    void on(NoticeReadEvent event) {
        Mono.from(notices.updateOne(eq("_id", event.noticeId()), Updates.set("read", true),
                                    new UpdateOptions().upsert(true))).block();
        updates.emit(FindNoticesQuery.class, query -> query.recipient().equals(event.recipient()), List.of());
    }

    @ResetHandler
    void reset() {
        Mono.from(notices.deleteMany(new Document())).block();
        Mono.from(members.deleteMany(new Document())).block();
    }

    @QueryHandler
    CompletableFuture<List<Notice>> handle(FindNoticesQuery query) {
        return Flux.from(notices.find(Filters.eq("recipient", query.recipient())))
                   .map(d -> new Notice(d.getString("_id"), d.getString("recipient"),
                                        d.getDate("createdAt").toInstant(), d.getString("subject"),
                                        d.getString("body"), d.getBoolean("read")))
                   .sort(Comparator.comparing(Notice::createdAt).reversed().thenComparing(Notice::id))
                   .collectList()
                   .toFuture();
    }
}
