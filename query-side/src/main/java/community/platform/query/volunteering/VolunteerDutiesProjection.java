package community.platform.query.volunteering;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.query.views.ViewBatch;
import community.platform.shared.volunteering.AttendanceRecordedEvent;
import community.platform.shared.volunteering.FindVolunteerDutiesQuery;
import community.platform.shared.volunteering.SignUpWithdrawnEvent;
import community.platform.shared.volunteering.VolunteerDuty;
import community.platform.shared.volunteering.VolunteerPostCancelledEvent;
import community.platform.shared.volunteering.VolunteerPostEvent;
import community.platform.shared.volunteering.VolunteerPostPublishedEvent;
import community.platform.shared.volunteering.VolunteerPostRescheduledEvent;
import community.platform.shared.volunteering.VolunteerPromotedEvent;
import community.platform.shared.volunteering.VolunteerSignedUpEvent;
import community.platform.shared.volunteering.VolunteerWaitlistedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static com.mongodb.client.model.Filters.eq;

/**
 * Each volunteer's duties ({@value #DUTIES}, one document per volunteer and post): their calendar and their hours
 * ledger. The posts' own details are kept beside them ({@value #POSTS}), with the last sequence of each post applied,
 * so an event applied twice changes nothing; every write an event causes sets a value, so re-applying one that was
 * cut short is harmless too.
 */
@Component
@ProcessingGroup(VolunteerDutiesProjection.GROUP)
public class VolunteerDutiesProjection {

    public static final String GROUP = "volunteer-duties";
    static final String DUTIES = "volunteerDuties";
    static final String POSTS = "volunteerDutyPosts";

    private final MongoCollection<Document> duties;
    private final MongoCollection<Document> posts;

    public VolunteerDutiesProjection(MongoDatabase platformViewDatabase) {
        this.duties = platformViewDatabase.getCollection(DUTIES);
        this.posts = platformViewDatabase.getCollection(POSTS);
    }

    @EventHandler
    void on(VolunteerPostEvent event, @SequenceNumber long sequence) {
        ViewBatch batch = ViewBatch.current();
        Document post = batch.find(posts, event.postId());
        if (post != null && post.getLong("lastSequence") >= sequence) {
            return;
        }
        post = apply(batch, event, post);
        batch.replace(posts, post.append("lastSequence", sequence));
    }

    /** Writes what the event changes of the duties; answers the post's document with the event applied. */
    private Document apply(ViewBatch batch, VolunteerPostEvent event, Document post) {
        if (event instanceof VolunteerPostPublishedEvent published) {
            return new Document("_id", published.postId()).append("title", published.title())
                                                          .append("location", published.location())
                                                          .append("startsAt", Date.from(published.startsAt()))
                                                          .append("endsAt", Date.from(published.endsAt()));
        }
        if (event instanceof VolunteerSignedUpEvent signedUp) {
            batch.replace(duties, duty(post, signedUp.volunteer(), "CONFIRMED"));
        } else if (event instanceof VolunteerWaitlistedEvent waitlisted) {
            batch.replace(duties, duty(post, waitlisted.volunteer(), "WAITLISTED"));
        } else if (event instanceof VolunteerPromotedEvent promoted) {
            batch.update(duties, id(promoted.volunteer(), promoted.postId()), Updates.set("status", "CONFIRMED"),
                         false);
        } else if (event instanceof SignUpWithdrawnEvent withdrawn) {
            batch.delete(duties, id(withdrawn.volunteer(), withdrawn.postId()));
        } else if (event instanceof AttendanceRecordedEvent attended) {
            batch.update(duties, id(attended.volunteer(), attended.postId()), Updates.set("minutes", attended.minutes()),
                         false);
        } else if (event instanceof VolunteerPostRescheduledEvent moved) {
            batch.updateMany(duties, eq("postId", moved.postId()), Updates.combine(
                    Updates.set("startsAt", Date.from(moved.startsAt())),
                    Updates.set("endsAt", Date.from(moved.endsAt()))));
            return post.append("startsAt", Date.from(moved.startsAt())).append("endsAt", Date.from(moved.endsAt()));
        } else if (event instanceof VolunteerPostCancelledEvent cancelled) {
            batch.updateMany(duties, eq("postId", cancelled.postId()), Updates.set("status", "CANCELLED"));
        }
        return post;
    }

    private Document duty(Document post, String volunteer, String status) {
        return new Document("_id", id(volunteer, post.getString("_id")))
                .append("volunteer", volunteer)
                .append("postId", post.getString("_id"))
                .append("title", post.getString("title"))
                .append("location", post.getString("location"))
                .append("startsAt", post.getDate("startsAt"))
                .append("endsAt", post.getDate("endsAt"))
                .append("status", status)
                .append("minutes", null);
    }

    private static String id(String volunteer, String postId) {
        return volunteer + "|" + postId;
    }

    @ResetHandler
    void reset() {
        Mono.from(duties.deleteMany(new Document())).block();
        Mono.from(posts.deleteMany(new Document())).block();
    }

    /** Reads the volunteer's documents; on the embedded server that is a scan of the (small) collection. */
    @QueryHandler
    CompletableFuture<List<VolunteerDuty>> handle(FindVolunteerDutiesQuery query) {
        return Flux.from(duties.find(Filters.eq("volunteer", query.volunteer())))
                   .map(d -> new VolunteerDuty(d.getString("postId"), d.getString("title"), d.getString("location"),
                                               d.getDate("startsAt").toInstant(), d.getDate("endsAt").toInstant(),
                                               d.getString("status"), d.getLong("minutes")))
                   .sort(Comparator.comparing(VolunteerDuty::startsAt))
                   .collectList()
                   .toFuture();
    }
}
