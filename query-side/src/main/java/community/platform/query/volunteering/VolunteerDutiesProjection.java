package community.platform.query.volunteering;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
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
import org.reactivestreams.Publisher;
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
        Document post = Mono.from(posts.find(eq("_id", event.postId())).first()).block();
        if (post != null && post.getLong("lastSequence") >= sequence) {
            return;
        }
        Flux.from(apply(event, post)).then().block();
        Mono.from(posts.updateOne(eq("_id", event.postId()), Updates.set("lastSequence", sequence))).block();
    }

    private Publisher<?> apply(VolunteerPostEvent event, Document post) {
        if (event instanceof VolunteerPostPublishedEvent published) {
            return posts.replaceOne(eq("_id", published.postId()),
                                    new Document("_id", published.postId()).append("title", published.title())
                                            .append("location", published.location())
                                            .append("startsAt", Date.from(published.startsAt()))
                                            .append("endsAt", Date.from(published.endsAt()))
                                            .append("lastSequence", -1L),
                                    new ReplaceOptions().upsert(true));
        }
        if (event instanceof VolunteerSignedUpEvent signedUp) {
            return duty(post, signedUp.volunteer(), "CONFIRMED");
        }
        if (event instanceof VolunteerPromotedEvent promoted) {
            return duties.updateOne(eq("_id", id(promoted.volunteer(), promoted.postId())),
                                    Updates.set("status", "CONFIRMED"));
        }
        if (event instanceof VolunteerWaitlistedEvent waitlisted) {
            return duty(post, waitlisted.volunteer(), "WAITLISTED");
        }
        if (event instanceof SignUpWithdrawnEvent withdrawn) {
            return duties.deleteOne(eq("_id", id(withdrawn.volunteer(), withdrawn.postId())));
        }
        if (event instanceof AttendanceRecordedEvent attended) {
            return duties.updateOne(eq("_id", id(attended.volunteer(), attended.postId())),
                                    Updates.set("minutes", attended.minutes()));
        }
        if (event instanceof VolunteerPostRescheduledEvent moved) {
            return Flux.concat(
                    posts.updateOne(eq("_id", moved.postId()), Updates.combine(
                            Updates.set("startsAt", Date.from(moved.startsAt())),
                            Updates.set("endsAt", Date.from(moved.endsAt())))),
                    duties.updateMany(eq("postId", moved.postId()), Updates.combine(
                            Updates.set("startsAt", Date.from(moved.startsAt())),
                            Updates.set("endsAt", Date.from(moved.endsAt())))));
        }
        if (event instanceof VolunteerPostCancelledEvent cancelled) {
            return duties.updateMany(eq("postId", cancelled.postId()), Updates.set("status", "CANCELLED"));
        }
        return Mono.empty();
    }

    private Publisher<?> duty(Document post, String volunteer, String status) {
        return duties.replaceOne(eq("_id", id(volunteer, post.getString("_id"))),
                                 new Document("_id", id(volunteer, post.getString("_id")))
                                         .append("volunteer", volunteer)
                                         .append("postId", post.getString("_id"))
                                         .append("title", post.getString("title"))
                                         .append("location", post.getString("location"))
                                         .append("startsAt", post.getDate("startsAt"))
                                         .append("endsAt", post.getDate("endsAt"))
                                         .append("status", status)
                                         .append("minutes", null),
                                 new ReplaceOptions().upsert(true));
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
